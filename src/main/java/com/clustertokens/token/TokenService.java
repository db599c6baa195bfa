package com.clustertokens.token;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.clustertokens.cluster.ClusterClients;
import com.clustertokens.cluster.ClusterTokenClient;
import com.clustertokens.cluster.CreateToken;
import com.clustertokens.cluster.ListQuery;
import com.clustertokens.cluster.TokenSecret;
import com.clustertokens.cluster.TokenStub;
import com.clustertokens.error.CreateOutcomeUnknownException;
import com.clustertokens.error.CreateUnresolvedException;
import com.clustertokens.error.Quoted;
import com.clustertokens.error.TokenStorageFailedException;
import com.clustertokens.lambda.OutputFormat;
import com.clustertokens.security.Secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Creates and lists cluster tokens: validates first, then calls the cluster; delivers and deduplicates creates. */
@ApplicationScoped
public class TokenService {

    private static final Logger LOG = Logger.getLogger(TokenService.class);

    /**
     * Bytes of {@code {"cluster":…,"values":[],"totalCount":…,"truncated":…,"mayBeIncomplete":…}} around the
     * entries (a cluster name has at most 40 characters), rounded up.
     */
    private static final int ENVELOPE_BYTES = 160;

    private final ClusterClients clients;
    private final ListTokensConfig listConfig;
    private final IdempotencyStore idempotency;
    private final TokenSecretStore secretStore;
    private final ObjectMapper mapper;
    private final CreateReconciler reconciler;
    private final CreateTokenConfig createConfig;

    public TokenService(ClusterClients clients, ListTokensConfig listConfig, IdempotencyStore idempotency,
            TokenSecretStore secretStore, ObjectMapper mapper, CreateReconciler reconciler,
            CreateTokenConfig createConfig) {
        this.clients = clients;
        this.listConfig = listConfig;
        this.idempotency = idempotency;
        this.secretStore = secretStore;
        this.mapper = mapper;
        this.reconciler = reconciler;
        this.createConfig = createConfig;
    }

    /**
     * Creates the token once per idempotency key and delivers its secret (returned, or stored in Secrets Manager);
     * a repeat of a completed request returns its first result, without the secret.
     */
    public CreatedToken create(CreateTokenRequest request, Origin origin) {
        return clients.within(request.cluster(), cluster -> {
            CreationRequest creation = TokenValidation.checkCreate(request, origin);
            CreatedToken result = (creation.idempotencyKey() == null
                    ? createAndDeliver(cluster, creation, null, null, new Attempt())
                    : createOnce(cluster, creation))
                    .inCluster(cluster.clusterName());
            return OutputFormat.wantsSummary(creation.format())
                    ? result.withSummary(Summaries.created(result))
                    : result;
        });
    }

    private CreatedToken createOnce(ClusterTokenClient cluster, CreationRequest creation) {
        String fingerprint = fingerprint(creation);
        // The same key sent for two clusters is two requests: each creates its own token.
        IdempotencyStore.Outcome outcome = idempotency.claim(cluster.scope(creation.idempotencyKey()), fingerprint);
        if (outcome.previous() != null) {
            CreatedToken previous = outcome.previous();
            LOG.infof("%s: request %s was already fulfilled (token %s, %s); nothing created", creation.trigger(),
                    creation.idempotencyKey(), previous.identifier(), previous.secretArn() == null
                            ? "returned to its caller"
                            : "secret " + previous.secretArn());
            return previous;
        }
        IdempotencyStore.Claim claim = outcome.claim();
        Attempt attempt = new Attempt();
        EarlierAttempt unreconciled = outcome.unfinished();
        CreatedToken result;
        try {
            Optional<CreatedToken> adopted = unreconciled == null
                    ? Optional.empty()
                    : reconciler.reconcile(cluster, creation, claim.key(), fingerprint, unreconciled);
            unreconciled = null;
            result = adopted.isPresent()
                    ? adopted.get()
                    : createAndDeliver(cluster, creation, fingerprint, claim, attempt);
        } catch (CreateUnresolvedException e) {
            idempotency.recordUnresolved(claim, e.getMessage());
            throw e;
        } catch (TokenStorageFailedException e) {
            if (e.compensated()) {
                idempotency.release(claim);
            } else {
                idempotency.recordUnknown(claim, attempt.startedAt, Instant.now());
            }
            throw e;
        } catch (RuntimeException e) {
            if (attempt.mayHaveCreated) {
                // The token may exist: the key stays taken, and the next attempt reconciles before it creates.
                idempotency.recordUnknown(claim, attempt.startedAt, Instant.now());
            } else if (unreconciled != null) {
                // What the earlier attempt left is still unknown: released, its key would create a second token.
                idempotency.recordUnknown(claim, unreconciled.from(), unreconciled.to());
            } else {
                idempotency.release(claim);
            }
            throw e;
        }
        idempotency.complete(claim, result);
        return result;
    }

    /** When this attempt's create was sent, and whether the cluster may have acted on it. */
    private static final class Attempt {
        private Instant startedAt;
        private boolean mayHaveCreated;
    }

    private CreatedToken createAndDeliver(ClusterTokenClient cluster, CreationRequest creation, String fingerprint,
            IdempotencyStore.Claim claim, Attempt attempt) {
        CreateToken body = creation.body();
        attempt.startedAt = Instant.now();
        TokenSecret secret;
        try {
            secret = cluster.create(body, createConfig.awsCallsTime());
        } catch (CreateOutcomeUnknownException e) {
            attempt.mayHaveCreated = true;
            throw e;
        }
        attempt.mayHaveCreated = true;
        // In milliseconds, as the API counts: a repeat answers it from the idempotency record, which keeps those.
        Instant expires = body.expiresIn() == null
                ? null
                : body.expiresIn().from(attempt.startedAt.truncatedTo(ChronoUnit.MILLIS));
        String identifier = Secrets.identifierOrNull(secret.token());
        String shown = Secrets.identifier(secret.token());
        LOG.infof("Created token %s (%s) with scopes %s (%s%s)", Quoted.of(body.name()), shown, body.scopes(),
                creation.trigger(), creation.idempotencyKey() == null ? "" : ", request " + creation.idempotencyKey());
        String id = reconciler.recordCreated(cluster, claim == null ? null : claim.key(), secret.token(), identifier);
        if (creation.delivery() == Delivery.RETURN) {
            return new CreatedToken(null, secret.token(), identifier, body.name(), Delivery.RETURN, null,
                    creation.idempotencyKey(), null, null, expires);
        }
        TokenSecretStore.StoredSecret stored;
        try {
            stored = secretStore.store(cluster, new TokenSecretStore.SecretToStore(secret.token(), identifier, id,
                    body.name(), creation.idempotencyKey(), fingerprint, creation.requester()));
        } catch (TokenSecretStore.NotStored failure) {
            throw undo(cluster, secret, id, shown, body.name(), "its secret could not be stored: "
                    + failure.getMessage(), !failure.permanent());
        }
        LOG.infof("Stored token %s (%s) in secret %s%s", Quoted.of(body.name()), shown, stored.arn(),
                stored.replaced() ? ", replacing the value an earlier attempt of this request had left there" : "");
        return new CreatedToken(null, null, identifier, body.name(), Delivery.SECRETS_MANAGER, stored.arn(),
                creation.idempotencyKey(), null, null, expires);
    }

    /** Deletes a token whose secret could not be delivered, so it is neither lost nor left unguarded. */
    private TokenStorageFailedException undo(ClusterTokenClient cluster, TokenSecret secret, String knownId,
            String shown, String name, String reason, boolean retryable) {
        String what = "The cluster created token " + Quoted.of(name) + " (" + shown + ") but " + reason;
        try {
            String id = knownId != null ? knownId : cluster.lookup(secret.token()).id();
            cluster.delete(id);
            LOG.warnf("Deleted token %s (%s, id %s) again: %s", Quoted.of(name), shown, id, reason);
            return new TokenStorageFailedException(what + ". The token was deleted again, so nothing is left "
                    + "behind" + (retryable ? "; retry the request" : ""), true, retryable);
        } catch (RuntimeException e) {
            String failure = Secrets.redact(String.valueOf(e));
            LOG.errorf("Token %s (%s) exists but is stored nowhere, and deleting it failed: %s", Quoted.of(name), shown,
                    failure);
            return new TokenStorageFailedException(what + ". Deleting it again failed too (" + failure
                    + "): a retry of this request deletes it first; without one, delete token "
                    + shown + " by hand (list-tokens finds it by name)", false, false);
        }
    }

    /** Tells a repeat of the same request from a different request under the same key. */
    private String fingerprint(CreationRequest creation) {
        try {
            return TokenSecretStore.sha256(mapper.writeValueAsString(creation.body()) + "|" + creation.delivery()
                    .wire());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A CreateToken body always serialises", e);
        }
    }

    /** Lists tokens; entries past the response size limit are counted but not returned. */
    public TokenList list(ListTokensRequest request) {
        return clients.within(request.cluster(), cluster -> {
            ListQuery query = TokenValidation.checkList(request);
            TokenList list = cluster.list(query, entries -> collectWithinLimit(entries, query.effectiveLimit()))
                    .inCluster(cluster.clusterName());
            return OutputFormat.wantsSummary(request.format()) ? list.withSummary(Summaries.list(list)) : list;
        });
    }

    private TokenList collectWithinLimit(Stream<TokenStub> entries, int limit) {
        long budget = listConfig.maxResponseBytes() - ENVELOPE_BYTES;
        List<TokenStub> kept = new ArrayList<>();
        long used = 0;
        long total = 0;
        boolean full = false;
        for (var it = entries.iterator(); it.hasNext();) {
            TokenStub entry = it.next();
            total++;
            if (full) {
                continue; // past the cap entries are only counted: sizing ~930,000 more of them cost ~20% of a call
            }
            long size = JsonSize.of(entry) + 1; // the comma
            full = used + size > budget;
            if (!full) {
                kept.add(entry);
                used += size;
            }
        }
        // The cluster stops at its limit without saying so: exactly that many may mean there are more.
        return new TokenList(null, kept, total, full, total >= limit, null);
    }
}
