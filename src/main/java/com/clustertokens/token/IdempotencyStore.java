package com.clustertokens.token;

import static com.clustertokens.aws.DynamoAttributes.n;
import static com.clustertokens.aws.DynamoAttributes.s;
import static com.clustertokens.aws.DynamoAttributes.text;
import static com.clustertokens.token.IdempotencyTable.CLAIMED_AT;
import static com.clustertokens.token.IdempotencyTable.COMPLETED;
import static com.clustertokens.token.IdempotencyTable.EXPIRES_AT;
import static com.clustertokens.token.IdempotencyTable.FINGERPRINT;
import static com.clustertokens.token.IdempotencyTable.IN_PROGRESS;
import static com.clustertokens.token.IdempotencyTable.KEY;
import static com.clustertokens.token.IdempotencyTable.LOCK_EXPIRES_AT;
import static com.clustertokens.token.IdempotencyTable.STATUS;
import static com.clustertokens.token.IdempotencyTable.UNKNOWN;
import static com.clustertokens.token.IdempotencyTable.UNRESOLVED;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.clustertokens.aws.AwsClients;
import com.clustertokens.aws.AwsFailures;
import com.clustertokens.error.CreateUnresolvedException;
import com.clustertokens.error.InvalidInputException;
import com.clustertokens.error.Quoted;
import com.clustertokens.error.RequestInProgressException;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The first result of each idempotency key (docs/create-token-reliability.md): a conditional claim, so of concurrent
 * duplicates exactly one creates; then the result (never the secret), a release when nothing was created, or the
 * attempt's time window when its outcome is unknown, for the next attempt to reconcile ({@link CreateReconciler}).
 */
@ApplicationScoped
public class IdempotencyStore {

    /** A valid key (at most 128 characters) is shown whole in messages; a defaulted event id is cut there. */
    private static final int KEY_SHOWN = 128;

    private static final Logger LOG = Logger.getLogger(IdempotencyStore.class);

    private final AwsClients aws;
    private final CreateTokenConfig config;
    private final Clock clock = Clock.systemUTC();

    /** A key this invocation holds: {@code owner} tells its claim from a later one after the lock expired. */
    public record Claim(String key, String owner) {
    }

    /**
     * Either a fresh claim, or the earlier result of the same request. {@code unfinished} is set when the claim took
     * over an earlier attempt that may have created a token: the reconciliation must run before any create.
     */
    public record Outcome(Claim claim, CreatedToken previous, EarlierAttempt unfinished) {
    }

    public IdempotencyStore(AwsClients aws, CreateTokenConfig config) {
        this.aws = aws;
        this.config = config;
    }

    /**
     * Claims {@code key} for a request with this fingerprint, or returns the earlier result of the same request.
     * Throws {@link RequestInProgressException} while another invocation holds it, {@link CreateUnresolvedException}
     * when an earlier attempt ended undecided.
     */
    public Outcome claim(String key, String fingerprint) {
        Instant at = clock.instant();
        long now = at.getEpochSecond();
        Claim claim = new Claim(key, UUID.randomUUID().toString());
        Map<String, AttributeValue> item = Map.of(KEY, s(key), STATUS, s(IN_PROGRESS), FINGERPRINT, s(fingerprint),
                "owner", s(claim.owner()), CLAIMED_AT, n(at.toEpochMilli()), LOCK_EXPIRES_AT, n(now + config
                        .idempotencyLock().toSeconds()), EXPIRES_AT, n(now + config.idempotencyTtl().toSeconds()));
        Map<String, AttributeValue> old;
        try {
            // A record past its TTL may still be there (DynamoDB deletes them lazily): it counts as absent. An earlier
            // attempt of the same request that ended unknown, or whose lock expired, is taken over and reconciled.
            old = aws.dynamoDb().putItem(b -> b.tableName(table()).item(item).returnValues(ReturnValue.ALL_OLD)
                    .conditionExpression("attribute_not_exists(#key) OR #expiresAt < :now OR (#fingerprint = :fp AND "
                            + "((#status = :inProgress AND #lockExpiresAt < :now) OR #status = :unknown))")
                    .expressionAttributeNames(Map.of("#key", KEY, "#expiresAt", EXPIRES_AT, "#status", STATUS,
                            "#fingerprint", FINGERPRINT, "#lockExpiresAt", LOCK_EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":now", n(now), ":inProgress", s(IN_PROGRESS), ":unknown",
                            s(UNKNOWN), ":fp", s(fingerprint)))
                    .overrideConfiguration(aws.withinBudget())).attributes();
        } catch (ConditionalCheckFailedException e) {
            return new Outcome(null, earlier(key, fingerprint), null);
        } catch (SdkException e) {
            throw IdempotencyTable.failure(config, "claim idempotency key " + Quoted.of(key, KEY_SHOWN), e);
        }
        return new Outcome(claim, null, IdempotencyTable.takenOver(old, now, config.idempotencyLock()));
    }

    /**
     * Records that this claim's create may have taken effect between {@code from} and {@code to}, and frees the key
     * at once: the next attempt reconciles with the cluster before it creates.
     */
    public void recordUnknown(Claim claim, Instant from, Instant to) {
        String what = "record the unknown outcome (the next attempt reconciles when the lock expires, "
                + config.idempotencyLock() + " after the claim)";
        update(claim, "SET #status = :unknown, attemptFrom = :from, attemptTo = :to REMOVE #lockExpiresAt",
                Map.of(":unknown", s(UNKNOWN), ":from", n(from.toEpochMilli()), ":to", n(to.toEpochMilli())),
                "the claim expired before this attempt could " + what, "could not " + what + ": %s");
    }

    /** Records that this request cannot be decided; every repeat gets {@code message}, and nothing more is sent. */
    public void recordUnresolved(Claim claim, String message) {
        String what = "record the undecided outcome";
        update(claim, "SET #status = :unresolved, message = :message REMOVE #lockExpiresAt",
                Map.of(":unresolved", s(UNRESOLVED), ":message", s(message)),
                "the claim expired before this attempt could " + what, "could not " + what + ": %s");
    }

    /** Records the result for repeats (never the secret); the record then lives until its TTL. */
    public void complete(Claim claim, CreatedToken result) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":completed", s(COMPLETED), ":delivery",
                s(result.delivery().wire()), ":name", s(result.name())));
        StringBuilder update = new StringBuilder("SET #status = :completed, delivery = :delivery, #name = :name");
        if (result.identifier() != null) {
            values.put(":identifier", s(result.identifier()));
            update.append(", identifier = :identifier");
        }
        if (result.secretArn() != null) {
            values.put(":secretArn", s(result.secretArn()));
            update.append(", secretArn = :secretArn");
        }
        if (result.expires() != null) {
            values.put(":tokenExpires", n(result.expires().toEpochMilli()));
            update.append(", tokenExpires = :tokenExpires");
        }
        // Should recording fail, the token exists and went where it should: only repeats lose their protection.
        update(claim, update.append(" REMOVE lockExpiresAt, attemptFrom, attemptTo").toString(), values,
                "the claim expired before the result was recorded (took longer than " + config.idempotencyLock()
                        + "); a repeat of this request may create another token",
                "could not record the result (%s); a repeat of this request may create another token");
    }

    /** Applies {@code expression} while the claim is ours; logs, and goes on, when it is not or the write fails. */
    private void update(Claim claim, String expression, Map<String, AttributeValue> values, String expired,
            String failed) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":owner", s(claim.owner()));
        // DynamoDB refuses a name the expressions do not use.
        Map<String, String> names = new HashMap<>(Map.of("#owner", "owner"));
        Map.of("#status", STATUS, "#name", "name", "#lockExpiresAt", LOCK_EXPIRES_AT).forEach((k, v) -> {
            if (expression.contains(k)) {
                names.put(k, v);
            }
        });
        try {
            aws.dynamoDb().updateItem(b -> b.tableName(table()).key(Map.of(KEY, s(claim.key())))
                    .updateExpression(expression).conditionExpression("#owner = :owner")
                    .expressionAttributeNames(names).expressionAttributeValues(all)
                    .overrideConfiguration(aws.withinBudget()));
        } catch (ConditionalCheckFailedException e) {
            LOG.warnf("Idempotency key '%s': %s", claim.key(), expired);
        } catch (SdkException e) {
            LOG.errorf("Idempotency key '%s': %s", claim.key(), String.format(failed, AwsFailures.describe(e)));
        }
    }

    /** Removes the claim when nothing was created, so a retry can proceed at once. */
    public void release(Claim claim) {
        try {
            aws.dynamoDb().deleteItem(b -> b.tableName(table()).key(Map.of(KEY, s(claim.key())))
                    .conditionExpression("#owner = :owner AND #status = :inProgress")
                    .expressionAttributeNames(Map.of("#owner", "owner", "#status", STATUS))
                    .expressionAttributeValues(Map.of(":owner", s(claim.owner()), ":inProgress", s(IN_PROGRESS)))
                    .overrideConfiguration(aws.withinBudget()));
        } catch (ConditionalCheckFailedException e) {
            LOG.debugf("Idempotency key '%s': the claim was no longer ours to release", claim.key());
        } catch (SdkException e) {
            LOG.warnf("Idempotency key '%s': could not release the claim (%s); a retry waits until %s after the "
                    + "claim", claim.key(), AwsFailures.describe(e), config.idempotencyLock());
        }
    }

    /**
     * The {@code dt0c01.<public>} identifier of the token the completed request under {@code key} created, if any:
     * the proof that a token was made by that request, before anything deletes it.
     */
    public Optional<String> identifierOf(String key) {
        Map<String, AttributeValue> item = IdempotencyTable.read(aws, config, s(key), "read idempotency key "
                + Quoted.of(key, KEY_SHOWN));
        return COMPLETED.equals(text(item, STATUS)) ? Optional.ofNullable(text(item, "identifier")) : Optional.empty();
    }

    private CreatedToken earlier(String key, String fingerprint) {
        Map<String, AttributeValue> item = IdempotencyTable.read(aws, config, s(key), "read idempotency key "
                + Quoted.of(key, KEY_SHOWN));
        String status = text(item, STATUS);
        if (status != null && !fingerprint.equals(text(item, FINGERPRINT))) {
            String name = text(item, "name");
            throw new InvalidInputException("idempotencyKey: " + Quoted.of(key, KEY_SHOWN) + " was already used for "
                    + "a different request" + (name == null ? "" : " (token " + Quoted.of(name) + ")")
                    + "; use a new key for a new token");
        }
        if (UNRESOLVED.equals(status)) {
            throw new CreateUnresolvedException(text(item, "message"));
        }
        if (!COMPLETED.equals(status)) {
            // In progress elsewhere, or released between our write and this read: either way, later.
            throw new RequestInProgressException("A request with idempotency key " + Quoted.of(key, KEY_SHOWN)
                    + " is being processed by another invocation; retry later to get its result (an SQS message is "
                    + "retried by itself)");
        }
        String delivery = text(item, "delivery");
        return new CreatedToken(null, null, text(item, "identifier"), text(item, "name"),
                delivery == null ? null : Delivery.of(delivery), text(item, "secretArn"), key, Boolean.TRUE, null,
                item.containsKey("tokenExpires")
                        ? Instant.ofEpochMilli(Long.parseLong(item.get("tokenExpires").n()))
                        : null);
    }

    private String table() {
        return IdempotencyTable.name(config);
    }
}
