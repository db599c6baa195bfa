package com.clustertokens.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where and how the AWS clients connect; read from environment variables too ({@code aws.region} = {@code AWS_REGION}). */
@ConfigMapping(prefix = "aws")
public interface AwsConfig {

    /** AWS region; Lambda sets AWS_REGION. Local runs without it use us-east-1. */
    Optional<String> region();

    /** One endpoint for every AWS service, for tests and local stand-ins (AWS_ENDPOINT_URL, as the SDK reads it). */
    Optional<URI> endpointUrl();

    /**
     * Static credentials for local stand-ins (tests, LocalStack) only: honoured only together with an endpoint
     * override, so a deployed function always uses the SDK's default chain (the Lambda role).
     */
    StandInCredentials standInCredentials();

    /** SNS settings. */
    Service sns();

    /** Secrets Manager settings. */
    Service secretsmanager();

    /** DynamoDB settings. */
    Service dynamodb();

    /** SSM Parameter Store settings (the cluster registry). */
    Service ssm();

    /** EventBridge Scheduler settings (rotate-token's one-time follow-up schedules). */
    Service scheduler();

    /** S3 settings (the fleet's reports). */
    S3 s3();

    /** How long a secret read from Secrets Manager is reused before it is read again (AWS_SECRET_CACHE_TTL). */
    @WithDefault("5m")
    Duration secretCacheTtl();

    /** An access key pair for a local stand-in of AWS; never set in a deployment. */
    interface StandInCredentials {

        /** Access key id sent to the stand-in. */
        Optional<String> accessKeyId();

        /** Secret access key sent to the stand-in. */
        Optional<String> secretAccessKey();
    }

    /** S3 settings: stand-ins such as moto serve buckets by path, not by host name. */
    interface S3 extends Service {

        /** Address buckets as endpoint/bucket instead of bucket.endpoint; for local stand-ins only. */
        @WithDefault("false")
        boolean pathStyle();
    }

    /** Settings of one AWS service. */
    interface Service {

        /** Endpoint of this service only; wins over aws.endpoint-url. */
        Optional<URI> endpointUrl();
    }
}
