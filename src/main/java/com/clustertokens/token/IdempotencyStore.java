package com.clustertokens.token;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.clustertokens.aws.AwsClients;
import com.clustertokens.error.ConfigurationException;
import com.clustertokens.error.IdempotencyStoreException;
import com.clustertokens.error.InvalidInputException;
import com.clustertokens.error.RequestInProgressException;
import com.clustertokens.json.Quoted;
import com.clustertokens.security.Secrets;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * The first result of each idempotency key, in a DynamoDB table (hash key {@value #KEY}, string; TTL attribute
 * {@value #EXPIRES_AT}). A request claims its key with a conditional write (status IN_PROGRESS, a lock expiry and an
 * owner), so of concurrent duplicates exactly one creates; it then completes the record with the result, which
 * never holds the secret, or removes its claim when nothing was created.
 */
@ApplicationScoped
public class IdempotencyStore {

    static final String KEY = "idempotencyKey";
    static final String EXPIRES_AT = "expiresAt";
    private static final String STATUS = "status";
    private static final String IN_PROGRESS = "IN_PROGRESS";
    private static final String COMPLETED = "COMPLETED";
    /** A valid key (at most 128 characters) is shown whole in messages; a defaulted event id is cut there. */
    private static final int KEY_SHOWN = 128;

    private static final Logger LOG = Logger.getLogger(IdempotencyStore.class);

    private final AwsClients aws;
    private final CreateTokenConfig config;
    private final Clock clock = Clock.systemUTC();

    /** A key this invocation holds: {@code owner} tells its claim from a later one after the lock expired. */
    public record Claim(String key, String owner) {
    }

    /** Either a fresh claim, or the earlier result of the same request. */
    public record Outcome(Claim claim, CreatedToken previous) {
    }

    public IdempotencyStore(AwsClients aws, CreateTokenConfig config) {
        this.aws = aws;
        this.config = config;
    }

    /** Whether a table is configured. */
    public boolean enabled() {
        return config.idempotencyTable().filter(t -> !t.isBlank()).isPresent();
    }

    /**
     * Claims {@code key} for a request with this fingerprint, or returns the earlier result of the same request.
     * Throws {@link RequestInProgressException} while another invocation holds it.
     */
    public Outcome claim(String key, String fingerprint) {
        long now = clock.instant().getEpochSecond();
        Claim claim = new Claim(key, UUID.randomUUID().toString());
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(KEY, s(key));
        item.put(STATUS, s(IN_PROGRESS));
        item.put("fingerprint", s(fingerprint));
        item.put("owner", s(claim.owner()));
        item.put("lockExpiresAt", n(now + config.idempotencyLock().toSeconds()));
        item.put(EXPIRES_AT, n(now + config.idempotencyTtl().toSeconds()));
        try {
            // A record past its TTL may still be there (DynamoDB deletes them lazily): it counts as absent.
            aws.dynamoDb().putItem(b -> b.tableName(table()).item(item)
                    .conditionExpression("attribute_not_exists(#key) OR #expiresAt < :now OR (#status = :inProgress "
                            + "AND lockExpiresAt < :now)")
                    .expressionAttributeNames(Map.of("#key", KEY, "#expiresAt", EXPIRES_AT, "#status", STATUS))
                    .expressionAttributeValues(Map.of(":now", n(now), ":inProgress", s(IN_PROGRESS))));
            return new Outcome(claim, null);
        } catch (ConditionalCheckFailedException e) {
            return new Outcome(null, earlier(key, fingerprint));
        } catch (SdkException e) {
            throw failure("claim idempotency key " + Quoted.of(key, KEY_SHOWN), e);
        }
    }

    /** Records the result for repeats; the record then lives until its TTL. */
    public void complete(Claim claim, CreatedToken result) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":completed", s(COMPLETED));
        values.put(":owner", s(claim.owner()));
        values.put(":delivery", s(result.delivery().wireName()));
        values.put(":name", s(result.name()));
        StringBuilder update = new StringBuilder("SET #status = :completed, delivery = :delivery, #name = :name");
        if (result.identifier() != null) {
            values.put(":identifier", s(result.identifier()));
            update.append(", identifier = :identifier");
        }
        if (result.secretArn() != null) {
            values.put(":secretArn", s(result.secretArn()));
            update.append(", secretArn = :secretArn");
        }
        update.append(" REMOVE lockExpiresAt");
        try {
            aws.dynamoDb().updateItem(b -> b.tableName(table()).key(Map.of(KEY, s(claim.key())))
                    .updateExpression(update.toString()).conditionExpression("#owner = :owner")
                    .expressionAttributeNames(Map.of("#status", STATUS, "#name", "name", "#owner", "owner"))
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException e) {
            LOG.warnf("Idempotency key '%s': the claim expired before the result was recorded (took longer than %s); "
                    + "a repeat of this request may create another token", claim.key(), config.idempotencyLock());
        } catch (SdkException e) {
            // The token exists and went where it should: report the result, only repeats lose their protection.
            LOG.errorf("Idempotency key '%s': could not record the result (%s); a repeat of this request may create "
                    + "another token", claim.key(), describe(e));
        }
    }

    /** Removes the claim when nothing was created, so a retry can proceed at once. */
    public void release(Claim claim) {
        try {
            aws.dynamoDb().deleteItem(b -> b.tableName(table()).key(Map.of(KEY, s(claim.key())))
                    .conditionExpression("#owner = :owner AND #status = :inProgress")
                    .expressionAttributeNames(Map.of("#owner", "owner", "#status", STATUS))
                    .expressionAttributeValues(Map.of(":owner", s(claim.owner()), ":inProgress", s(IN_PROGRESS))));
        } catch (ConditionalCheckFailedException e) {
            LOG.debugf("Idempotency key '%s': the claim was no longer ours to release", claim.key());
        } catch (SdkException e) {
            LOG.warnf("Idempotency key '%s': could not release the claim (%s); a retry waits until %s after the "
                    + "claim", claim.key(), describe(e), config.idempotencyLock());
        }
    }

    private CreatedToken earlier(String key, String fingerprint) {
        GetItemResponse response;
        try {
            response = aws.dynamoDb().getItem(b -> b.tableName(table()).key(Map.of(KEY, s(key))).consistentRead(true));
        } catch (SdkException e) {
            throw failure("read idempotency key " + Quoted.of(key, KEY_SHOWN), e);
        }
        Map<String, AttributeValue> item = response.hasItem() ? response.item() : Map.of();
        String status = text(item, STATUS);
        if (!COMPLETED.equals(status)) {
            // In progress elsewhere, or released between our write and this read: either way, later.
            throw new RequestInProgressException("A request with idempotency key " + Quoted.of(key, KEY_SHOWN)
                    + " is being processed by another invocation; retry later to get its result (an SQS message is "
                    + "retried by itself)");
        }
        if (!fingerprint.equals(text(item, "fingerprint"))) {
            throw new InvalidInputException("idempotencyKey: " + Quoted.of(key, KEY_SHOWN) + " was already used for a "
                    + "different request (token " + Quoted.of(text(item, "name")) + "); use a new key for a new token");
        }
        String delivery = text(item, "delivery");
        return new CreatedToken(null, text(item, "identifier"), text(item, "name"),
                delivery == null ? null : Delivery.of(delivery), text(item, "secretArn"), key, Boolean.TRUE, null);
    }

    private String table() {
        return config.idempotencyTable().filter(t -> !t.isBlank()).orElseThrow(() -> new ConfigurationException(
                "CREATE_TOKEN_IDEMPOTENCY_TABLE is not set: requests with an idempotency key, and every SQS or "
                        + "EventBridge request, need the DynamoDB table that records their results"));
    }

    private IdempotencyStoreException failure(String action, SdkException e) {
        boolean retryable = e.retryable() || (e instanceof DynamoDbException d
                && (d.statusCode() >= 500 || d.isThrottlingException()));
        return new IdempotencyStoreException("Could not " + action + " in DynamoDB table " + table() + ": "
                + describe(e), retryable);
    }

    private static String describe(SdkException e) {
        if (e instanceof DynamoDbException d && d.awsErrorDetails() != null) {
            return d.awsErrorDetails().errorCode() + " (HTTP " + d.statusCode() + ")";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + Secrets.redact(e.getMessage()) + ")");
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
