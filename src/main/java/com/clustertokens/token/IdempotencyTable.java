package com.clustertokens.token;

import java.util.Map;

import com.clustertokens.aws.AwsFailures;
import com.clustertokens.error.ConfigurationException;
import com.clustertokens.error.IdempotencyStoreException;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The DynamoDB table create-token records requests and their tokens in: its name, errors and attribute values. */
final class IdempotencyTable {

    static final String KEY = "idempotencyKey";
    static final String EXPIRES_AT = "expiresAt";

    private IdempotencyTable() {
    }

    static String name(CreateTokenConfig config) {
        return config.idempotencyTable().filter(t -> !t.isBlank()).orElseThrow(() -> new ConfigurationException(
                "CREATE_TOKEN_IDEMPOTENCY_TABLE is not set: requests with an idempotency key, and every SQS or "
                        + "EventBridge request, need the DynamoDB table that records their results"));
    }

    static IdempotencyStoreException failure(CreateTokenConfig config, String action, SdkException e) {
        return new IdempotencyStoreException("Could not " + action + " in DynamoDB table " + name(config) + ": "
                + AwsFailures.describe(e), AwsFailures.retryable(e));
    }

    static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
