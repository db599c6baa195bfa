package com.clustertokens.token;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.clustertokens.cluster.ClusterTokenClient;
import com.clustertokens.cluster.CreateToken;
import com.clustertokens.cluster.ListQuery;
import com.clustertokens.cluster.TokenSecret;
import com.clustertokens.cluster.TokenStub;
import com.clustertokens.error.TokenStorageFailedException;
import com.clustertokens.json.JsonSize;
import com.clustertokens.json.OutputFormat;
import com.clustertokens.security.Secrets;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Creates and lists cluster tokens: validates first, then calls the cluster; delivers and deduplicates creates. */
@ApplicationScoped
public class TokenService {

    private static final Logger LOG = Logger.getLogger(TokenService.class);

    /** Bytes of {@code {"values":[],"totalCount":…,"truncated":…,"mayBeIncomplete":…}} around the entries, rounded up. */
    private static final int ENVELOPE_BYTES = 96;

    private final ClusterTokenClient cluster;
    private final ListTokensConfig listConfig;
    private final IdempotencyStore idempotency;
    private final TokenSecretStore secretStore;
    private final ObjectMapper mapper;

    public TokenService(ClusterTokenClient cluster, ListTokensConfig listConfig, IdempotencyStore idempotency,
            TokenSecretStore secretStore, ObjectMapper mapper) {
        this.cluster = cluster;
        this.listConfig = listConfig;
        this.idempotency = idempotency;
        this.secretStore = secretStore;
        this.mapper = mapper;
    }

    /**
     * Creates the token once per idempotency key and delivers its secret (returned, or stored in Secrets Manager);
     * a repeat of a completed request returns its first result, without the secret.
     */
    public CreatedToken create(CreateTokenRequest request, Origin origin) {
        CreationRequest creation = TokenValidation.checkCreate(request, origin);
        CreatedToken result = creation.idempotencyKey() == null ? createAndDeliver(creation) : createOnce(creation);
        return OutputFormat.wantsSummary(creation.format()) ? result.withSummary(Summaries.created(result)) : result;
    }

    private CreatedToken createOnce(CreationRequest creation) {
        IdempotencyStore.Outcome outcome = idempotency.claim(creation.idempotencyKey(), fingerprint(creation));
        if (outcome.previous() != null) {
            CreatedToken previous = outcome.previous();
            LOG.infof("%s: request %s was already fulfilled (token %s, %s); nothing created", creation.trigger(),
                    creation.idempotencyKey(), previous.identifier(), previous.secretArn() == null
                            ? "returned to its caller" : "secret " + previous.secretArn());
            return previous;
        }
        CreatedToken result;
        try {
            result = createAndDeliver(creation);
        } catch (RuntimeException e) {
            // Nothing of this request is left in the cluster (or the error names what is): let a retry proceed.
            idempotency.release(outcome.claim());
            throw e;
        }
        idempotency.complete(outcome.claim(), result);
        return result;
    }

    private CreatedToken createAndDeliver(CreationRequest creation) {
        CreateToken body = creation.body();
        TokenSecret secret = cluster.create(body);
        String identifier = Secrets.identifierOrNull(secret.token());
        String shown = Secrets.identifier(secret.token());
        LOG.infof("Created token '%s' (%s) with scopes %s (%s%s)", body.name(), shown, body.scopes(),
                creation.trigger(), creation.idempotencyKey() == null ? "" : ", request " + creation.idempotencyKey());
        if (creation.delivery() == Delivery.RETURN) {
            return new CreatedToken(secret.token(), identifier, body.name(), Delivery.RETURN, null,
                    creation.idempotencyKey(), null, null);
        }
        TokenSecretStore.StoredSecret stored;
        try {
            stored = secretStore.store(secret.token(), identifier, body.name(), creation.idempotencyKey(),
                    creation.requester());
        } catch (TokenSecretStore.StoreFailure failure) {
            throw undo(secret, shown, body.name(), "its secret could not be stored: " + failure.getMessage());
        }
        if (stored.existed()) {
            // An earlier attempt of this request stored its token already: keep that one, take this one back.
            TokenStorageFailedException undone = undo(secret, shown, body.name(), "secret " + stored.name()
                    + " of an earlier attempt of this request exists");
            if (!undone.compensated()) {
                throw undone;
            }
            LOG.warnf("Token '%s' (%s) deleted again: request %s had already stored its token in %s", body.name(),
                    shown, creation.idempotencyKey(), stored.arn());
            return new CreatedToken(null, stored.identifier(), body.name(), Delivery.SECRETS_MANAGER, stored.arn(),
                    creation.idempotencyKey(), Boolean.TRUE, null);
        }
        LOG.infof("Stored token '%s' (%s) in secret %s", body.name(), shown, stored.arn());
        return new CreatedToken(null, identifier, body.name(), Delivery.SECRETS_MANAGER, stored.arn(),
                creation.idempotencyKey(), null, null);
    }

    /** Deletes a token whose secret could not be delivered, so it is neither lost nor left unguarded. */
    private TokenStorageFailedException undo(TokenSecret secret, String shown, String name, String reason) {
        String what = "The cluster created token '" + name + "' (" + shown + ") but " + reason;
        try {
            String id = cluster.lookup(secret.token()).id();
            cluster.delete(id);
            LOG.warnf("Deleted token '%s' (%s, id %s) again: %s", name, shown, id, reason);
            return new TokenStorageFailedException(what + ". The token was deleted again, so nothing is left "
                    + "behind; retry the request", true);
        } catch (RuntimeException e) {
            LOG.errorf("Token '%s' (%s) exists but is stored nowhere, and deleting it failed: %s", name, shown,
                    Secrets.redact(String.valueOf(e)));
            return new TokenStorageFailedException(what + ". Deleting it again failed too (" + Secrets.redact(
                    String.valueOf(e)) + "): delete token " + shown + " by hand (list-tokens finds it by name)", false);
        }
    }

    /** Tells a repeat of the same request from a different request under the same key. */
    private String fingerprint(CreationRequest creation) {
        try {
            return TokenSecretStore.sha256(mapper.writeValueAsString(creation.body()) + "|"
                    + creation.delivery().wireName());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A CreateToken body always serialises", e);
        }
    }

    /** Lists tokens; entries past the response size limit are counted but not returned. */
    public TokenList list(ListTokensRequest request) {
        ListQuery query = TokenValidation.checkList(request);
        TokenList list = cluster.list(query, entries -> collectWithinLimit(entries, query.effectiveLimit()));
        return OutputFormat.wantsSummary(request.format()) ? list.withSummary(Summaries.list(list)) : list;
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
        return new TokenList(kept, total, full, total >= limit, null);
    }
}
