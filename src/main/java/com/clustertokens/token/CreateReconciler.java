package com.clustertokens.token;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.clustertokens.cluster.ClusterTokenClient;
import com.clustertokens.cluster.CreateToken;
import com.clustertokens.cluster.ListQuery;
import com.clustertokens.cluster.TokenMetadata;
import com.clustertokens.cluster.TokenScope;
import com.clustertokens.cluster.TokenStub;
import com.clustertokens.error.CreateUnresolvedException;
import com.clustertokens.error.Quoted;
import com.clustertokens.error.TokenNotFoundException;

/**
 * Before a request creates again after an attempt whose outcome is unknown, finds out from the cluster what that
 * attempt did. Candidates are the tokens with the request's name and scopes, owned by this function's API token's
 * user, created within the attempt's window and not revoked. A candidate another request recorded as its own is
 * someone's token; one this request recorded is adopted when its secret reached its destination; the rest are
 * orphans whose secret nobody received. One orphan is deleted; more than one cannot be told apart, and the request
 * fails for good with a message saying what to check.
 */
@ApplicationScoped
public class CreateReconciler {

    private static final Logger LOG = Logger.getLogger(CreateReconciler.class);

    private final ClusterTokenClient cluster;
    private final TokenOwnership ownership;
    private final TokenSecretStore secretStore;
    private final CreateTokenConfig config;

    public CreateReconciler(ClusterTokenClient cluster, TokenOwnership ownership, TokenSecretStore secretStore,
            CreateTokenConfig config) {
        this.cluster = cluster;
        this.ownership = ownership;
        this.secretStore = secretStore;
        this.config = config;
    }

    /**
     * The earlier attempt's result when it created a token whose secret was delivered; empty when nothing of it is
     * left in the cluster (any orphan was deleted), so a create may follow. {@code key}: the claim's key, which the
     * token's ownership record names.
     */
    public Optional<CreatedToken> reconcile(CreationRequest creation, String key, String fingerprint,
            EarlierAttempt earlier) {
        CreateToken body = creation.body();
        Instant from = earlier.from().minus(config.reconcileClockSkew());
        Instant to = earlier.to().plus(config.reconcileClockSkew());
        List<TokenMetadata> candidates = candidates(body, from, to);
        List<TokenMetadata> orphans = new ArrayList<>();
        for (TokenMetadata candidate : candidates) {
            Optional<TokenOwnership.Owner> owner = ownership.of(candidate.id());
            if (owner.isEmpty()) {
                orphans.add(candidate);
            } else if (owner.get().key().equals(key)) {
                Optional<CreatedToken> delivered = delivered(creation, fingerprint, owner.get());
                if (delivered.isPresent()) {
                    LOG.infof("Request %s: an earlier attempt created token %s and delivered it; nothing created",
                            key, owner.get().identifier());
                    return delivered;
                }
                orphans.add(candidate);
            }
        }
        if (orphans.size() > 1) {
            throw new CreateUnresolvedException("Request " + Quoted.of(key, 128) + ": an earlier attempt to create "
                    + "token " + Quoted.of(body.name()) + " ended without an answer, and " + orphans.size()
                    + " tokens of that name and "
                    + "scopes were created between " + from + " and " + to + " by this function's API token user ("
                    + ids(orphans) + "). Which one is this request's cannot be told: check them with list-tokens, "
                    + "delete the ones nobody uses, then send the request again with a new idempotency key");
        }
        for (TokenMetadata orphan : orphans) {
            try {
                cluster.delete(orphan.id());
            } catch (TokenNotFoundException gone) {
                LOG.debugf("Orphan token id %s of request %s was already deleted", orphan.id(), key);
            }
            LOG.warnf("Request %s: deleted token id %s (%s, created %s), made by an earlier attempt whose secret "
                    + "nobody received", Quoted.of(key, 128), orphan.id(), Quoted.of(orphan.name()),
                    Instant.ofEpochMilli(orphan.created()));
        }
        return Optional.empty();
    }

    private List<TokenMetadata> candidates(CreateToken body, Instant from, Instant to) {
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
    private Optional<CreatedToken> delivered(CreationRequest creation, String fingerprint,
            TokenOwnership.Owner owner) {
        String name = creation.body().name();
        if (creation.delivery() == Delivery.RETURN) {
            // The secret may have reached the caller: the token is theirs, and only a repeat's answer is left to give.
            return Optional.of(new CreatedToken(null, null, owner.identifier(), name, Delivery.RETURN, null,
                    creation.idempotencyKey(), Boolean.TRUE, null));
        }
        return secretStore.find(name, creation.idempotencyKey(), fingerprint)
                .filter(stored -> stored.identifier() != null && stored.identifier().equals(owner.identifier()))
                .map(stored -> new CreatedToken(null, null, owner.identifier(), name, Delivery.SECRETS_MANAGER,
                        stored.arn(), creation.idempotencyKey(), Boolean.TRUE, null));
    }

    private static String ids(List<TokenMetadata> tokens) {
        return "ids " + String.join(", ", tokens.stream().map(TokenMetadata::id).toList());
    }
}
