package com.clustertokens.token;

import static com.clustertokens.aws.DynamoAttributes.n;
import static com.clustertokens.aws.DynamoAttributes.s;
import static com.clustertokens.aws.DynamoAttributes.text;
import static com.clustertokens.token.IdempotencyTable.EXPIRES_AT;
import static com.clustertokens.token.IdempotencyTable.KEY;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.clustertokens.aws.AwsClients;
import com.clustertokens.aws.AwsFailures;
import com.clustertokens.cluster.ClusterTokenClient;
import com.clustertokens.error.Quoted;
import com.clustertokens.security.Secrets;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * Which request created which token, recorded under {@code token-id#<id>} in the idempotency table before the token's
 * secret goes anywhere, for every create (with an idempotency key or without): a reconciliation deletes only a token
 * recorded as its own request's, and never one recorded as another's.
 */
@ApplicationScoped
public class TokenOwnership {

    /** Key prefix of the ownership items; '#' is not allowed in idempotency keys, so they cannot collide. */
    private static final String TOKEN_ID_PREFIX = "token-id#";

    private static final Logger LOG = Logger.getLogger(TokenOwnership.class);

    private final AwsClients aws;
    private final CreateTokenConfig config;
    private final Clock clock = Clock.systemUTC();

    /** The request (idempotency key; null for a request without one) whose create made a token, and its identifier. */
    public record Owner(String key, String identifier) {
    }

    public TokenOwnership(AwsClients aws, CreateTokenConfig config) {
        this.aws = aws;
        this.config = config;
    }

    /**
     * Records that the request with {@code key} (null: one without a key) created the token with this secret on
     * {@code cluster}, found by a lookup of the secret; the token's id, or null when it could not be recorded (or no table is configured:
     * then no request is ever reconciled).
     */
    public String recordCreated(ClusterTokenClient cluster, String key, String secret, String identifier) {
        if (config.idempotencyTable().filter(t -> !t.isBlank()).isEmpty()) {
            return null;
        }
        String id;
        try {
            id = cluster.lookup(secret).id();
        } catch (RuntimeException e) {
            LOG.warnf("%s: could not look up the id of token %s (%s); a reconciliation would find it of unknown "
                    + "origin and leave the request it meets unresolved", who(key), Secrets.identifier(secret),
                    Secrets.redact(String.valueOf(e)));
            return null;
        }
        record(cluster, key, id, identifier);
        return id;
    }

    // Token ids are unique within a cluster only.
    private static AttributeValue tokenKey(ClusterTokenClient cluster, String tokenId) {
        return s(cluster.scope(TOKEN_ID_PREFIX + tokenId));
    }

    /** Records that the request with this key (null: a request without one) created the token {@code tokenId}. */
    public void record(ClusterTokenClient cluster, String key, String tokenId, String identifier) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(KEY, tokenKey(cluster, tokenId));
        if (key != null) {
            item.put("requestKey", s(key));
        }
        if (identifier != null) {
            item.put("identifier", s(identifier));
        }
        item.put(EXPIRES_AT, n(clock.instant().getEpochSecond() + config.idempotencyTtl().toSeconds()));
        try {
            aws.dynamoDb().putItem(b -> b.tableName(IdempotencyTable.name(config)).item(item)
                    .overrideConfiguration(aws.withinBudget()));
        } catch (SdkException e) {
            LOG.warnf("%s: could not record that it created token id %s (%s); a reconciliation would find it of "
                    + "unknown origin and leave the request it meets unresolved", who(key), tokenId,
                    AwsFailures.describe(e));
        }
    }

    private static String who(String key) {
        return key == null ? "A request without an idempotency key" : "Idempotency key " + Quoted.of(key, 128);
    }

    /** Which request created the token {@code tokenId} of {@code cluster}, if one of this deployment's did; empty: unknown. */
    public Optional<Owner> of(ClusterTokenClient cluster, String tokenId) {
        Map<String, AttributeValue> item;
        try {
            GetItemResponse response = aws.dynamoDb().getItem(b -> b.tableName(IdempotencyTable.name(config))
                    .key(Map.of(KEY, tokenKey(cluster, tokenId))).consistentRead(true)
                    .overrideConfiguration(aws.withinBudget()));
            item = response.hasItem() ? response.item() : Map.of();
        } catch (SdkException e) {
            throw IdempotencyTable.failure(config, "read the creator of token id " + tokenId, e);
        }
        if (item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Owner(text(item, "requestKey"), text(item, "identifier")));
    }
}
