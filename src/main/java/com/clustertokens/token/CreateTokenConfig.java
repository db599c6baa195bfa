package com.clustertokens.token;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of create-token's delivery and idempotency; read from environment variables too (CREATE_TOKEN_*). */
@ConfigMapping(prefix = "create-token")
public interface CreateTokenConfig {

    /** Name prefix of the Secrets Manager secrets created tokens are stored in (CREATE_TOKEN_SECRET_PREFIX). */
    @WithDefault("cluster-tokens/created/")
    String secretPrefix();

    /**
     * Time one request may spend on AWS calls around its create (API token read, idempotency claim and record, storing
     * the secret); with DT_CONNECT_TIMEOUT + DT_READ_TIMEOUT, the time left a create (and an SQS message) needs to be
     * started; half of it stays for deleting the token again if its secret cannot be stored (CREATE_TOKEN_AWS_CALLS_TIME).
     */
    @WithDefault("10s")
    Duration awsCallsTime();

    /**
     * DynamoDB table recording each request's first result (CREATE_TOKEN_IDEMPOTENCY_TABLE). Without it, direct
     * calls without a key run undeduplicated and SQS/EventBridge deliveries are refused.
     */
    Optional<String> idempotencyTable();

    /** How long a request's result is kept, so a repeat within it returns that result (CREATE_TOKEN_IDEMPOTENCY_TTL). */
    @WithDefault("P7D")
    Duration idempotencyTtl();

    /**
     * How long an unfinished request blocks its key; past it, a crashed attempt's key may be taken again. Longer than
     * the function's timeout (CREATE_TOKEN_IDEMPOTENCY_LOCK).
     */
    @WithDefault("2m")
    Duration idempotencyLock();

    /**
     * Allowance for the difference between this function's clock and the cluster's, added on both sides of an
     * earlier attempt's time window when looking for the token it may have created (CREATE_TOKEN_RECONCILE_CLOCK_SKEW).
     */
    @WithDefault("30s")
    Duration reconcileClockSkew();

    /**
     * Days between Secrets Manager rotations (by rotate-secret) of each secret stored; 0: none
     * (CREATE_TOKEN_ROTATE_AFTER_DAYS; Secrets Manager allows 1 to 1000).
     */
    @WithDefault("0")
    int rotateAfterDays();

    /** rotate-secret's ARN, which Secrets Manager calls to rotate a stored secret (CREATE_TOKEN_ROTATION_FUNCTION_ARN). */
    Optional<String> rotationFunctionArn();
}
