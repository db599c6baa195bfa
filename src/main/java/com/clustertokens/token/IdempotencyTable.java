package com.clustertokens.token;

import static com.clustertokens.aws.DynamoAttributes.number;
import static com.clustertokens.aws.DynamoAttributes.text;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.clustertokens.aws.AwsClients;
import com.clustertokens.aws.AwsFailures;
import com.clustertokens.error.AwsUnavailableException;
import com.clustertokens.error.ConfigurationException;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

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

    /** The item under {@code key}, read consistently; empty when there is none. */
    static Map<String, AttributeValue> read(AwsClients aws, CreateTokenConfig config, AttributeValue key,
            String action) {
        try {
            GetItemResponse response = aws.dynamoDb().getItem(b -> b.tableName(name(config)).key(Map.of(KEY, key))
                    .consistentRead(true).overrideConfiguration(aws.withinBudget()));
            return response.hasItem() ? response.item() : Map.of();
        } catch (SdkException e) {
            throw failure(config, action, e);
        }
    }

    static AwsUnavailableException failure(CreateTokenConfig config, String action, SdkException e) {
        return new AwsUnavailableException("Could not " + action + " in DynamoDB table " + name(config) + ": "
                + AwsFailures.describe(e), AwsFailures.retryable(e));
    }

    /**
     * The attempt a claim took over, read from the record it replaced: one that ended unknown (its own window), or one
     * whose lock expired (from its claim to its lock's end); null when the replaced record leaves nothing to check.
     */
    static EarlierAttempt takenOver(Map<String, AttributeValue> old, long nowSeconds, Duration lock) {
        if (old == null || old.isEmpty() || number(old, EXPIRES_AT) < nowSeconds) {
            return null;
        }
        String status = text(old, STATUS);
        if (UNKNOWN.equals(status)) {
            return new EarlierAttempt(Instant.ofEpochMilli(number(old, ATTEMPT_FROM)),
                    Instant.ofEpochMilli(number(old, ATTEMPT_TO)));
        }
        if (!IN_PROGRESS.equals(status)) {
            return null;
        }
        long lockEnd = number(old, LOCK_EXPIRES_AT) * 1000;
        // Records written before claims carried their time: the lock started one lock duration before its end.
        long from = old.containsKey(CLAIMED_AT) ? number(old, CLAIMED_AT) : lockEnd - lock.toMillis();
        return new EarlierAttempt(Instant.ofEpochMilli(from), Instant.ofEpochMilli(lockEnd));
    }
}
