package com.clustertokens.token;

import static com.clustertokens.aws.DynamoAttributes.n;
import static com.clustertokens.aws.DynamoAttributes.s;
import static com.clustertokens.aws.DynamoAttributes.text;
import static com.clustertokens.token.IdempotencyTable.EXPIRES_AT;
import static com.clustertokens.token.IdempotencyTable.KEY;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.clustertokens.aws.AwsClients;
import com.clustertokens.aws.AwsFailures;
import com.clustertokens.cluster.ClusterTokenClient;
import com.clustertokens.cluster.CreateToken;
import com.clustertokens.cluster.ListQuery;
import com.clustertokens.cluster.TokenMetadata;
import com.clustertokens.cluster.TokenScope;
import com.clustertokens.cluster.TokenStub;
import com.clustertokens.error.CreateUnresolvedException;
import com.clustertokens.error.Quoted;
import com.clustertokens.error.TokenNotFoundException;
import com.clustertokens.security.Secrets;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Which request created which token ({@code token-id#<id>} items), and what an attempt whose outcome is unknown did
 * (docs/create-token-reliability.md): only a token proven this request's is adopted or deleted; one recorded as
 * nobody's may be someone's, so it is never deleted and the request fails for good, naming it.
 */
@ApplicationScoped
public class CreateReconciler {

    /** Key prefix of the ownership items; '#' is not allowed in idempotency keys, so they cannot collide. */
    private static final String TOKEN_ID_PREFIX = "token-id#";

    private static final String UNRESOLVED_LATER = "a reconciliation would find it of unknown origin and leave the "
            + "request it meets unresolved";

    private static final Logger LOG = Logger.getLogger(CreateReconciler.class);

    private final AwsClients aws;
    private final TokenSecretStore secretStore;
    private final CreateTokenConfig config;
    private final Clock clock = Clock.systemUTC();

    /** The request (idempotency key; null for a request without one) whose create made a token, and its identifier. */
    record Owner(String key, String identifier) {
    }

    public CreateReconciler(AwsClients aws, TokenSecretStore secretStore, CreateTokenConfig config) {
        this.aws = aws;
        this.secretStore = secretStore;
        this.config = config;
    }

    /**
     * Records that the request with {@code key} (null: one without a key) created the token with this secret on
     * {@code cluster}, found by a lookup of the secret; the token's id, or null when it could not be looked up (or no
     * table is configured: then no request is ever reconciled).
     */
    public String recordCreated(ClusterTokenClient cluster, String key, String secret, String identifier) {
        if (config.idempotencyTable().filter(t -> !t.isBlank()).isEmpty()) {
            return null;
        }
        String id;
        try {
            id = cluster.lookup(secret).id();
        } catch (RuntimeException e) {
            LOG.warnf("%s: could not look up the id of token %s (%s); %s", who(key), Secrets.identifier(secret),
                    Secrets.redact(String.valueOf(e)), UNRESOLVED_LATER);
            return null;
        }
        Map<String, AttributeValue> item = new HashMap<>(Map.of(KEY, tokenKey(cluster, id), EXPIRES_AT, n(clock
                .instant().getEpochSecond() + config.idempotencyTtl().toSeconds())));
        if (key != null) {
            item.put("requestKey", s(key));
        }
        if (identifier != null) {
            item.put("identifier", s(identifier));
        }
        try {
            aws.dynamoDb().putItem(b -> b.tableName(IdempotencyTable.name(config)).item(item)
                    .overrideConfiguration(aws.withinBudget()));
        } catch (SdkException e) {
            LOG.warnf("%s: could not record that it created token id %s (%s); %s", who(key), id,
                    AwsFailures.describe(e), UNRESOLVED_LATER);
        }
        return id;
    }

    // Token ids are unique within a cluster only.
    private static AttributeValue tokenKey(ClusterTokenClient cluster, String tokenId) {
        return s(cluster.scope(TOKEN_ID_PREFIX + tokenId));
    }

    private static String who(String key) {
        return key == null ? "A request without an idempotency key" : "Idempotency key " + Quoted.of(key, 128);
    }

    /** Which request created the token {@code tokenId} of {@code cluster}, if one of this deployment's did; empty: unknown. */
    private Optional<Owner> owner(ClusterTokenClient cluster, String tokenId) {
        Map<String, AttributeValue> item = IdempotencyTable.read(aws, config, tokenKey(cluster, tokenId),
                "read the creator of token id " + tokenId);
        return item.isEmpty()
                ? Optional.empty()
                : Optional.of(new Owner(text(item, "requestKey"), text(item, "identifier")));
    }

    /**
     * The earlier attempt's result when it created a token on {@code cluster} whose secret was delivered; empty when
     * nothing of it is left in the cluster, so a create may follow. {@code key}: the claim's key, which the token's
     * ownership record names. Throws {@link CreateUnresolvedException} when a candidate is of unknown origin.
     */
    public Optional<CreatedToken> reconcile(ClusterTokenClient cluster, CreationRequest creation, String key,
            String fingerprint, EarlierAttempt earlier) {
        CreateToken body = creation.body();
        Instant from = earlier.from().minus(config.reconcileClockSkew());
        Instant to = earlier.to().plus(config.reconcileClockSkew());
        List<TokenMetadata> unknown = new ArrayList<>();
        List<TokenMetadata> undelivered = new ArrayList<>();
        for (TokenMetadata candidate : candidates(cluster, body, from, to)) {
            Optional<Owner> owner = owner(cluster, candidate.id());
            if (owner.isEmpty()) {
                unknown.add(candidate);
            } else if (key.equals(owner.get().key())) {
                Optional<CreatedToken> delivered = delivered(cluster, creation, fingerprint, candidate, owner.get());
                if (delivered.isPresent()) {
                    LOG.infof("Request %s: an earlier attempt created token %s and delivered it; nothing created",
                            key, owner.get().identifier());
                    return delivered;
                }
                undelivered.add(candidate);
            }
        }
        for (TokenMetadata mine : undelivered) {
            try {
                cluster.delete(mine.id());
            } catch (TokenNotFoundException gone) {
                LOG.debugf("Token id %s of request %s was already deleted", mine.id(), key);
            }
            LOG.warnf("Request %s: deleted token id %s (%s, created %s), made by an earlier attempt of this request "
                    + "whose secret nobody received", Quoted.of(key, 128), mine.id(), Quoted.of(mine.name()),
                    Instant.ofEpochMilli(mine.created()));
        }
        if (!unknown.isEmpty()) {
            throw new CreateUnresolvedException(unresolved(key, body.name(), from, to, unknown));
        }
        return Optional.empty();
    }

    /** Why a request stops for good: tokens of unknown origin where its lost attempt may have left one. */
    private static String unresolved(String key, String name, Instant from, Instant to, List<TokenMetadata> unknown) {
        boolean one = unknown.size() == 1;
        List<String> described = unknown.stream()
                .map(t -> "id " + t.id() + " (created " + Instant.ofEpochMilli(t.created()) + ")").toList();
        return "Request " + Quoted.of(key, 128) + ": an earlier attempt to create token " + Quoted.of(name)
                + " ended without an answer, and " + (one ? "a token" : unknown.size() + " tokens") + " of that name "
                + "and scopes, created between " + from + " and " + to + " by this function's API token user, "
                + (one ? "is" : "are") + " recorded as no request's: " + String.join(", ", described) + ". "
                + (one ? "It" : "Each") + " may be that attempt's token, whose secret nobody received, or one made "
                + "another way (by hand, by another tool); which cannot be told, so none was deleted and nothing was "
                + "created. Check with list-tokens, delete what nobody uses, then send the request again with a new "
                + "idempotency key";
    }

    private static List<TokenMetadata> candidates(ClusterTokenClient cluster, CreateToken body, Instant from,
            Instant to) {
        String user = cluster.caller().userId();
        List<String> sameName = cluster.list(new ListQuery(ListQuery.MAX_LIMIT, user, null, null, null),
                entries -> entries.filter(e -> body.name().equals(e.name())).map(TokenStub::id).toList());
        var scopes = new HashSet<>(body.scopes().stream().map(TokenScope::wireName).toList());
        List<TokenMetadata> found = new ArrayList<>();
        for (String id : sameName) {
            TokenMetadata metadata;
            try {
                metadata = cluster.metadata(id);
            } catch (TokenNotFoundException gone) {
                continue;
            }
            if (!metadata.revoked() && metadata.created() != null && user != null && user.equals(metadata.userId())
                    && metadata.scopes() != null && scopes.equals(new HashSet<>(metadata.scopes()))
                    && !Instant.ofEpochMilli(metadata.created()).isBefore(from)
                    && !Instant.ofEpochMilli(metadata.created()).isAfter(to)) {
                found.add(metadata);
            }
        }
        return found;
    }

    /** This request's earlier token, as a repeat returns it, when its secret went where the request sends it. */
    private Optional<CreatedToken> delivered(ClusterTokenClient cluster, CreationRequest creation, String fingerprint,
            TokenMetadata token, Owner owner) {
        String name = creation.body().name();
        String tokenId = token.id();
        // The cluster's own expiry of the token found: exact, where the create's would be an estimate.
        Instant expires = token.expires() == null ? null : Instant.ofEpochMilli(token.expires());
        if (creation.delivery() == Delivery.RETURN) {
            // The secret may have reached the caller: the token is theirs, and only a repeat's answer is left to give.
            return Optional.of(new CreatedToken(null, null, owner.identifier(), name, Delivery.RETURN, null,
                    creation.idempotencyKey(), Boolean.TRUE, null, expires));
        }
        return secretStore.find(cluster.cluster(), name, creation.idempotencyKey(), fingerprint)
                // Secrets stored before they named their token's id are matched by its identifier.
                .filter(stored -> stored.tokenId() != null
                        ? stored.tokenId().equals(tokenId)
                        : stored.identifier() != null && stored.identifier().equals(owner.identifier()))
                .map(stored -> new CreatedToken(null, null, owner.identifier(), name, Delivery.SECRETS_MANAGER,
                        stored.arn(), creation.idempotencyKey(), Boolean.TRUE, null, expires));
    }
}
