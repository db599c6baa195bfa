package com.clustertokens.token;

import static com.clustertokens.token.IdempotencyTable.EXPIRES_AT;
import static com.clustertokens.token.IdempotencyTable.KEY;
import static com.clustertokens.token.IdempotencyTable.n;
import static com.clustertokens.token.IdempotencyTable.s;
import static com.clustertokens.token.IdempotencyTable.text;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.clustertokens.aws.AwsClients;
import com.clustertokens.aws.AwsFailures;
import com.clustertokens.cluster.ClusterSelection;
import com.clustertokens.error.Quoted;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * Which request created which token, recorded under {@code token-id#<id>} in the idempotency table before the token's
 * secret goes anywhere: a reconciliation never takes another request's token for an orphan.
 */
@ApplicationScoped
public class TokenOwnership {

    /** Key prefix of the ownership items; '#' is not allowed in idempotency keys, so they cannot collide. */
    private static final String TOKEN_ID_PREFIX = "token-id#";

    private static final Logger LOG = Logger.getLogger(TokenOwnership.class);

    private final AwsClients aws;
    private final CreateTokenConfig config;
    private final ClusterSelection selection;
    private final Clock clock = Clock.systemUTC();

    /** The request (idempotency key) whose create made a token, and the token's identifier. */
    public record Owner(String key, String identifier) {
    }

    public TokenOwnership(AwsClients aws, CreateTokenConfig config, ClusterSelection selection) {
        this.aws = aws;
        this.config = config;
        this.selection = selection;
    }

    // Token ids are unique within a cluster only.
    private AttributeValue tokenKey(String tokenId) {
        return s(selection.current().scope(TOKEN_ID_PREFIX + tokenId));
    }

    /** Records that the request with this key created the token {@code tokenId}. */
    public void record(String key, String tokenId, String identifier) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(KEY, tokenKey(tokenId));
        item.put("requestKey", s(key));
        if (identifier != null) {
            item.put("identifier", s(identifier));
        }
        item.put(EXPIRES_AT, n(clock.instant().getEpochSecond() + config.idempotencyTtl().toSeconds()));
        try {
            aws.dynamoDb().putItem(b -> b.tableName(IdempotencyTable.name(config)).item(item)
                    .overrideConfiguration(aws.withinBudget()));
        } catch (SdkException e) {
            LOG.warnf("Idempotency key %s: could not record that it created token id %s (%s); a reconciliation "
                    + "would take that token for an orphan", Quoted.of(key, 128), tokenId, AwsFailures.describe(e));
        }
    }

    /** Which request created the token {@code tokenId}, if one of this deployment's requests did. */
    public Optional<Owner> of(String tokenId) {
        Map<String, AttributeValue> item;
        try {
            GetItemResponse response = aws.dynamoDb().getItem(b -> b.tableName(IdempotencyTable.name(config))
                    .key(Map.of(KEY, tokenKey(tokenId))).consistentRead(true)
                    .overrideConfiguration(aws.withinBudget()));
            item = response.hasItem() ? response.item() : Map.of();
        } catch (SdkException e) {
            throw IdempotencyTable.failure(config, "read the creator of token id " + tokenId, e);
        }
        String key = text(item, "requestKey");
        return key == null ? Optional.empty() : Optional.of(new Owner(key, text(item, "identifier")));
    }
}
