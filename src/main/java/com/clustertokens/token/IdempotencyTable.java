package com.clustertokens.token;

import com.clustertokens.aws.AwsFailures;
import com.clustertokens.error.AwsUnavailableException;
import com.clustertokens.error.ConfigurationException;

import software.amazon.awssdk.core.exception.SdkException;

/** The DynamoDB table create-token records requests and their tokens in: its name, errors and attribute values. */
final class IdempotencyTable {

    static final String KEY = "idempotencyKey";
    static final String EXPIRES_AT = "expiresAt";
    static final String FINGERPRINT = "fingerprint";
    static final String CLAIMED_AT = "claimedAt";
    static final String LOCK_EXPIRES_AT = "lockExpiresAt";
    static final String ATTEMPT_FROM = "attemptFrom";
    static final String ATTEMPT_TO = "attemptTo";
    static final String STATUS = "status";
    static final String IN_PROGRESS = "IN_PROGRESS";
    static final String COMPLETED = "COMPLETED";
    static final String UNKNOWN = "UNKNOWN";
    static final String UNRESOLVED = "UNRESOLVED";

    private IdempotencyTable() {
    }

    static String name(CreateTokenConfig config) {
        return config.idempotencyTable().filter(t -> !t.isBlank()).orElseThrow(() -> new ConfigurationException(
                "CREATE_TOKEN_IDEMPOTENCY_TABLE is not set: requests with an idempotency key, and every SQS or "
                        + "EventBridge request, need the DynamoDB table that records their results"));
    }

    static AwsUnavailableException failure(CreateTokenConfig config, String action, SdkException e) {
        return new AwsUnavailableException("Could not " + action + " in DynamoDB table " + name(config) + ": "
                + AwsFailures.describe(e), AwsFailures.retryable(e));
    }
}
