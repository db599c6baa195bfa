"""Translates infra/template.yaml as CloudFormation's AWS::Serverless transform does, offline, and prints the
result as JSON. Arguments: the template's path, and its parameters as a JSON object. The SAM translator is the one
cfn-lint installs (pip install cfn-lint). The function code is given an S3 location first, as sam deploy does after
uploading it: the translator takes no local path."""
import json
import os
import sys

os.environ.setdefault("AWS_DEFAULT_REGION", "eu-central-1")
try:
    from samtranslator.translator.transform import transform
    from samtranslator.yaml_helper import yaml_parse
except ImportError:
    sys.exit("the SAM translator is missing: pip install cfn-lint (it brings aws-sam-translator)")


class NoManagedPolicies:
    """The template names every managed policy by ARN or Ref, so the translator needs no IAM look-up."""

    def load(self):
        return {}


with open(sys.argv[1], encoding="utf-8") as source:
    template = yaml_parse(source.read())
template["Globals"]["Function"]["CodeUri"] = "s3://sam-managed-bucket/function.zip"
print(json.dumps(transform(template, json.loads(sys.argv[2]), NoManagedPolicies())))
