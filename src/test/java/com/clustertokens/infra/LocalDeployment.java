package com.clustertokens.infra;

import static com.clustertokens.infra.SamTemplate.list;
import static com.clustertokens.infra.SamTemplate.map;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.clustertokens.simulator.lambda.LambdaProcess;
import com.clustertokens.testing.MotoServer;
import com.clustertokens.testing.PipelineAwsResource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * infra/template.yaml deployed onto moto as far as the functions see it: its tables (with the template's own key
 * schema), buckets and topics made there, its parameters given, and each function's environment resolved as
 * CloudFormation resolves it ({@code Ref}, {@code Fn::If} on its conditions, {@code Fn::Sub}, a secretsmanager
 * dynamic reference to a key of a JSON secret in moto, a role's ARN by {@code Fn::GetAtt}). A reference it has
 * no stand-in for fails, naming it, rather than reaching a function unresolved.
 */
final class LocalDeployment {

    static final String STACK = "cluster-tokens";
    /** The region of every stand-in and function here: the one MotoServer's clients use. */
    static final String REGION = PipelineAwsResource.REGION;

    private static final Pattern SUB = Pattern.compile("\\$\\{(!?)([^}]+)}");
    /** A dynamic reference to a key of a JSON secret, as CloudFormation resolves it at deployment. */
    private static final Pattern SECRET_REFERENCE = Pattern.compile(
            "\\{\\{resolve:secretsmanager:(.+?):SecretString:([^:}]+)}}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SamTemplate template;
    private final TemplateConditions conditions;
    private final MotoServer moto;
    private final Map<String, String> physicalIds = new LinkedHashMap<>();

    private LocalDeployment(SamTemplate template, TemplateConditions conditions, MotoServer moto) {
        this.template = template;
        this.conditions = conditions;
        this.moto = moto;
    }

    /** Makes the template's tables, buckets and topics in {@code moto} and takes {@code given} over its defaults. */
    static LocalDeployment deploy(SamTemplate template, MotoServer moto, Map<String, String> given) {
        LocalDeployment deployment = new LocalDeployment(template, TemplateConditions.of(template.root(), given),
                moto);
        try (DynamoDbClient dynamoDb = moto.client(DynamoDbClient.builder());
                S3Client s3 = moto.client(S3Client.builder().forcePathStyle(true));
                SnsClient sns = moto.client(SnsClient.builder());
                SchedulerClient scheduler = moto.client(SchedulerClient.builder())) {
            template.resources().forEach((id, resource) -> {
                Map<String, Object> properties = map(map(resource).get("Properties"));
                String name = STACK + "-" + id;
                switch (String.valueOf(map(resource).get("Type"))) {
                    case "AWS::DynamoDB::Table" -> {
                        dynamoDb.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                                .attributeDefinitions(list(properties.get("AttributeDefinitions")).stream()
                                        .map(SamTemplate::map).map(a -> AttributeDefinition.builder()
                                                .attributeName(a.get("AttributeName").toString())
                                                .attributeType(a.get("AttributeType").toString()).build())
                                        .toList())
                                .keySchema(list(properties.get("KeySchema")).stream().map(SamTemplate::map)
                                        .map(k -> KeySchemaElement.builder()
                                                .attributeName(k.get("AttributeName").toString())
                                                .keyType(k.get("KeyType").toString()).build())
                                        .toList()));
                        deployment.physicalIds.put(id, name);
                    }
                    case "AWS::S3::Bucket" -> {
                        String bucket = name.toLowerCase(Locale.ROOT);
                        s3.createBucket(b -> b.bucket(bucket).createBucketConfiguration(c -> c.locationConstraint(
                                REGION)));
                        deployment.physicalIds.put(id, bucket);
                    }
                    case "AWS::SNS::Topic" -> deployment.physicalIds.put(id,
                            sns.createTopic(b -> b.name(name)).topicArn());
                    case "AWS::Scheduler::ScheduleGroup" -> {
                        scheduler.createScheduleGroup(b -> b.name(name));
                        deployment.physicalIds.put(id, name);
                    }
                    case "AWS::IAM::Role" -> deployment.physicalIds.put(id + ".Arn", "arn:aws:iam::"
                            + LambdaProcess.ACCOUNT + ":role/" + name);
                    case "AWS::Serverless::Function" -> {
                        String function = deployment.resolve(properties.get("FunctionName"));
                        deployment.physicalIds.put(id, function);
                        // AutoPublishAlias (Globals): callers invoke the alias, as the template's events do.
                        deployment.physicalIds.put(id + ".Alias", "arn:aws:lambda:" + REGION + ":"
                                + LambdaProcess.ACCOUNT + ":function:" + function
                                + ":live");
                    }
                    default -> {
                        // Not used by any function's environment; a reference to it fails in resolve.
                    }
                }
            });
        }
        return deployment;
    }

    /** The physical id of a resource (a table's or bucket's name, a topic's ARN, a function's name or alias ARN). */
    String physicalId(String logicalId) {
        String id = physicalIds.get(logicalId);
        if (id == null) {
            throw new IllegalStateException("no stand-in for " + logicalId + " in this local deployment");
        }
        return id;
    }

    /** The variables the template gives {@code function} (Globals merged), resolved; AWS::NoValue drops one. */
    Map<String, String> environment(SamTemplate.DeployedFunction function) {
        Map<String, String> environment = new LinkedHashMap<>();
        function.environment().forEach((name, value) -> {
            String resolved = resolve(value);
            if (resolved != null) {
                environment.put(name, secretsIn(resolved));
            }
        });
        return environment;
    }

    /** {@code value} with each secretsmanager dynamic reference replaced by the key it names, read from moto. */
    private String secretsIn(String value) {
        Matcher matcher = SECRET_REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        try (SecretsManagerClient secrets = moto.client(SecretsManagerClient.builder())) {
            while (matcher.find()) {
                String secret = secrets.getSecretValue(b -> b.secretId(matcher.group(1))).secretString();
                JsonNode key;
                try {
                    key = JSON.readTree(secret).get(matcher.group(2));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("secret " + matcher.group(1) + " is not a JSON object", e);
                }
                if (key == null || !key.isTextual()) {
                    throw new IllegalStateException("secret " + matcher.group(1) + " has no text key "
                            + matcher.group(2));
                }
                matcher.appendReplacement(out, Matcher.quoteReplacement(key.asText()));
            }
        }
        return matcher.appendTail(out).toString();
    }

    /** A template value as CloudFormation would hand it over: a string, or null for AWS::NoValue. */
    String resolve(Object value) {
        if (!(value instanceof Map<?, ?>)) {
            return value == null ? null : value.toString();
        }
        Map<String, Object> intrinsic = map(value);
        if (intrinsic.containsKey("Ref")) {
            return ref(intrinsic.get("Ref").toString());
        }
        if (intrinsic.containsKey("Fn::GetAtt")) {
            List<Object> arguments = list(intrinsic.get("Fn::GetAtt"));
            return physicalId(arguments.get(0) + "." + arguments.get(1));
        }
        if (intrinsic.containsKey("Fn::If")) {
            List<Object> arguments = list(intrinsic.get("Fn::If"));
            return resolve(conditions.holds(arguments.get(0).toString()) ? arguments.get(1) : arguments.get(2));
        }
        if (intrinsic.containsKey("Fn::Sub") && intrinsic.get("Fn::Sub") instanceof String text) {
            Matcher matcher = SUB.matcher(text);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                String replacement = matcher.group(1).isEmpty()
                        ? ref(matcher.group(2))
                        : "${" + matcher.group(2) + "}";
                matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
            }
            return matcher.appendTail(out).toString();
        }
        throw new IllegalStateException("no stand-in for " + value + " in this local deployment");
    }

    private String ref(String name) {
        switch (name) {
            case "AWS::StackName" :
                return STACK;
            case "AWS::Region" :
                return REGION;
            case "AWS::AccountId" :
                return LambdaProcess.ACCOUNT;
            case "AWS::Partition" :
                return "aws";
            case "AWS::NoValue" :
                return null;
            default :
                if (template.parameters().containsKey(name)) {
                    return conditions.parameter(name);
                }
                return physicalId(name);
        }
    }
}
