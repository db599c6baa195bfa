package com.clustertokens.fleet;

import java.util.Optional;

import com.clustertokens.aws.AwsClients;
import com.clustertokens.aws.AwsFailures;
import com.clustertokens.aws.ConsoleLinks;
import com.clustertokens.error.ReportNotStoredException;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Reports in an S3 bucket. Links open the object in the AWS console, so reading a report takes the reader's own AWS
 * login and the bucket stays private.
 */
final class S3ReportStore implements ReportStore {

    private final AwsClients aws;
    private final String bucket;

    S3ReportStore(AwsClients aws, String bucket) {
        this.aws = aws;
        this.bucket = bucket;
    }

    @Override
    public void put(String key, String contentType, byte[] body) {
        try {
            aws.s3().putObject(b -> b.bucket(bucket).key(key).contentType(contentType)
                    .overrideConfiguration(aws.withinBudget()), RequestBody.fromBytes(body));
        } catch (SdkException e) {
            throw new ReportNotStoredException("Could not write report s3://" + bucket + "/" + key + ": "
                    + AwsFailures.describe(e), AwsFailures.retryable(e));
        }
    }

    @Override
    public byte[] get(String key) {
        try {
            return aws.s3().getObjectAsBytes(b -> b.bucket(bucket).key(key).overrideConfiguration(aws
                    .withinBudget())).asByteArray();
        } catch (NoSuchKeyException e) {
            throw new ReportNotStoredException("There is no report s3://" + bucket + "/" + key, false, e);
        } catch (SdkException e) {
            throw new ReportNotStoredException("Could not read report s3://" + bucket + "/" + key + ": "
                    + AwsFailures.describe(e), AwsFailures.retryable(e));
        }
    }

    @Override
    public Optional<byte[]> find(String key) {
        try {
            return Optional.of(get(key));
        } catch (ReportNotStoredException e) {
            if (e.getCause() instanceof NoSuchKeyException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public String link(String key) {
        return ConsoleLinks.s3Object(aws.region().id(), bucket, key);
    }

}
