package com.clustertokens.cluster;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.clustertokens.cluster.TokenListReader.MalformedBodyException;
import com.clustertokens.error.ClusterUnavailableException;
import com.clustertokens.error.CreateOutcomeUnknownException;
import com.clustertokens.error.Quoted;
import com.clustertokens.lambda.Deadline;
import com.clustertokens.security.Secrets;

/**
 * Typed access to the six token operations of one registered cluster, the one a request named, for the invocation
 * that selected it ({@link ClusterClients#select}): every call, key and tag made through it is that cluster's, and
 * keeps that invocation's deadline, on whichever thread. Handing it to another thread is all it takes.
 * Reads are retried on 429/502/503/504 and connection failures; a create is sent exactly once, because a retry
 * could create a second token.
 */
public final class ClusterTokenClient {

    private final ClusterCalls calls;

    ClusterTokenClient(ClusterCalls calls) {
        this.calls = calls;
    }

    public RegisteredCluster cluster() {
        return calls.cluster();
    }

    /** The invocation's deadline this client's calls are measured against. */
    public Deadline deadline() {
        return calls.deadline();
    }

    public String clusterUrl() {
        return calls.connection().endpoint().toString();
    }

    public String clusterName() {
        return calls.cluster().name();
    }

    public String scope(String key) {
        return calls.cluster().scope(key);
    }

    /**
     * Lists tokens and hands the entries, as a stream read straight off the response, to {@code reader}.
     * On a retryable failure the whole call is repeated, so {@code reader} must build its result afresh each time.
     */
    public <R> R list(ListQuery query, Function<Stream<TokenStub>, R> reader) {
        return listBody(query, body -> {
            try (Stream<TokenStub> entries = TokenListReader.stream(calls.mapper().getFactory(), body)) {
                return reader.apply(entries);
            }
        });
    }

    /**
     * Lists tokens and feeds every entry, as one reused {@link ListEntry}, to a consumer from {@code fresh}, which
     * it returns: the way through a million entries that keeps little of each. A retry starts a fresh consumer.
     */
    public <C extends Consumer<ListEntry>> C scan(ListQuery query, Supplier<C> fresh) {
        return scan(query, true, fresh);
    }

    /** As {@link #scan}, for a consumer that needs only the ids: names are skipped, never decoded. */
    public <C extends Consumer<ListEntry>> C scanIds(ListQuery query, Supplier<C> fresh) {
        return scan(query, false, fresh);
    }

    private <C extends Consumer<ListEntry>> C scan(ListQuery query, boolean names, Supplier<C> fresh) {
        return listBody(query, body -> {
            C consumer = fresh.get();
            TokenListReader.forEach(calls.mapper().getFactory(), body, names, consumer);
            return consumer;
        });
    }

    private <R> R listBody(ListQuery query, Function<InputStream, R> reader) {
        List<String> permissions = query.permissions().stream().map(TokenScope::wireName).toList();
        return calls.withRetries("list tokens", (api, authorization) -> calls.answer(api.list(authorization, query
                .limit(), query.user(), permissions.isEmpty() ? null : permissions, query.from(), query.to()), 200,
                "list", reader));
    }

    /**
     * Creates a token. Sent once, never retried: a failure that may have followed the cluster's create (a read
     * timeout, a dropped connection, a 5xx, an unreadable 201) is a {@link CreateOutcomeUnknownException}; any other
     * failure means no token was made. It is started only when the invocation's time left covers it and
     * {@code after}, the time the caller needs once the token exists, and its timeouts keep {@code after} free.
     */
    public TokenSecret create(CreateToken body, Duration after) {
        ClusterConnection connection = calls.connection();
        Duration needed = connection.connectTimeout().plus(connection.readTimeout()).plus(after);
        Optional<Duration> left = calls.deadline().timeLeft();
        if (left.isPresent() && left.get().compareTo(needed) < 0) {
            throw new ClusterUnavailableException("Token " + Quoted.of(body.name()) + " was not created: " + left.get()
                    .toMillis() + " ms were left of " + calls.deadline().given() + ", and a create needs up to "
                    + needed.toMillis() + " ms (connect and read timeouts, then storing the result); nothing was "
                    + "sent, so a retry is safe");
        }
        ClusterErrors.Failure failure;
        try {
            return calls.attempt(after, (api, authorization) -> {
                TokenSecret secret = calls.answer(api.create(authorization, body), 201, "to create", calls.json(
                        TokenSecret.class));
                if (secret == null || secret.token() == null || secret.token().isBlank()) {
                    throw calls.malformed(201, new MalformedBodyException("the body holds no token"));
                }
                Secrets.register(secret.token());
                return secret;
            });
        } catch (ClusterCalls.Failed failed) {
            failure = failed.failure;
        }
        // What a failed create tells its caller: whether a token may exist, and whether a retry is safe.
        String name = body.name();
        if (failure.mayHaveTakenEffect()) {
            throw new CreateOutcomeUnknownException(failure.exception().getMessage() + ". The cluster may have "
                    + "created token " + Quoted.of(name) + "; a retry of this request finds out before creating");
        }
        if (failure.exception() instanceof ClusterUnavailableException) {
            throw new ClusterUnavailableException(failure.exception().getMessage() + ". The request never reached "
                    + "the cluster, so no token was created", failure.exception());
        }
        throw failure.exception();
    }

    public TokenMetadata metadata(String id) {
        return calls.withRetries("read token metadata", (api, authorization) -> calls.answer(api.metadata(
                authorization, id), 200, "with id '" + id + "'", calls.json(TokenMetadata.class)));
    }

    /** Metadata of the token with this secret; the secret travels only in the request body. */
    public TokenMetadata lookup(String secret) {
        Secrets.register(secret);
        return calls.withRetries("look up token", (api, authorization) -> calls.answer(api.lookup(authorization,
                new ClusterTokenApi.TokenLookup(secret)), 200, Secrets.identifier(secret), calls.json(
                        TokenMetadata.class)));
    }

    /** Metadata of the API token this client calls with: its owner owns every token the client creates. */
    public TokenMetadata caller() {
        return lookup(calls.apiTokens().token(calls.cluster(), calls.deadline()));
    }

    /** Updates a token (revoke, rename, replace scopes); idempotent, so retried like a read. */
    public void update(String id, TokenUpdate update) {
        calls.withRetries("update token", (api, authorization) -> calls.answer(api.update(authorization, id, update),
                204, "with id '" + id + "'", null));
    }

    /** Sent once: a repeated delete of a deleted token would only report 404. */
    public void delete(String id) {
        calls.once((api, authorization) -> calls.answer(api.delete(authorization, id), 204, "with id '" + id + "'",
                null));
    }
}
