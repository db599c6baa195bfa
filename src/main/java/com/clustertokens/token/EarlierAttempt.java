package com.clustertokens.token;

import static com.clustertokens.aws.DynamoAttributes.number;
import static com.clustertokens.aws.DynamoAttributes.text;
import static com.clustertokens.token.IdempotencyTable.ATTEMPT_FROM;
import static com.clustertokens.token.IdempotencyTable.ATTEMPT_TO;
import static com.clustertokens.token.IdempotencyTable.CLAIMED_AT;
import static com.clustertokens.token.IdempotencyTable.EXPIRES_AT;
import static com.clustertokens.token.IdempotencyTable.IN_PROGRESS;
import static com.clustertokens.token.IdempotencyTable.LOCK_EXPIRES_AT;
import static com.clustertokens.token.IdempotencyTable.STATUS;
import static com.clustertokens.token.IdempotencyTable.UNKNOWN;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** An earlier attempt of a request whose create may have taken effect between {@code from} and {@code to}. */
public record EarlierAttempt(Instant from, Instant to) {

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
