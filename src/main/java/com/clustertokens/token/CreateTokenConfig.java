package com.clustertokens.token;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of create-token's delivery and idempotency; read from environment variables too (CREATE_TOKEN_*). */
@ConfigMapping(prefix = "create-token")
public interface CreateTokenConfig {

    /** Name prefix of the Secrets Manager secrets created tokens are stored in (CREATE_TOKEN_SECRET_PREFIX). */
    @WithDefault("cluster-tokens/")
    String secretPrefix();

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
     * Time a create must leave after the cluster's answer, to record the token, store its secret and complete the
     * request; a create with less time left is not started (CREATE_TOKEN_AFTER_CREATE_RESERVE).
     */
    @WithDefault("4s")
    Duration afterCreateReserve();
}
