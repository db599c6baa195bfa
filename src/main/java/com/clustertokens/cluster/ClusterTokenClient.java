package com.clustertokens.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import com.clustertokens.error.ClusterUnavailableException;
import com.clustertokens.error.ConfigurationException;
import com.clustertokens.error.CreateOutcomeUnknownException;
import com.clustertokens.invocation.InvocationBudget;
import com.clustertokens.error.Quoted;
import com.clustertokens.security.Secrets;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;

/**
 * Typed access to the six token operations. Reads are retried on 429/502/503/504 and connection failures;
 * a create is sent exactly once, because a retry could create a second token.
 */
@ApplicationScoped
public class ClusterTokenClient {

    private static final Logger LOG = Logger.getLogger(ClusterTokenClient.class);
    /** Largest piece of a response body read from the socket and handed to the reading thread at once. */
    private static final int BODY_PIECE_BYTES = 512 * 1024;

    private final ClusterConfig config;
    private final ApiTokenSource apiTokens;
    private final ObjectMapper mapper;
    private final JsonFactory jsonFactory;
    private final ClusterErrors errors;
    private final RetryPolicy retryPolicy;
    private final Instance<TlsConfigurationRegistry> tlsRegistry;
    private final InvocationBudget budget;

    private volatile Connection connection;

    /**
     * The validated endpoint and the REST client built for it; built at first use, not at start-up.
     * {@code readTimeout} is the one in force: DT_READ_TIMEOUT, capped by the invocation's budget.
     */
    private record Connection(ClusterEndpoint endpoint, ClusterTokenApi api, Duration readTimeout) {
    }

    /** One call to the cluster, returning its result or throwing. */
    @FunctionalInterface
    private interface Call<R> {
        R run(Connection connection);
    }

    public ClusterTokenClient(ClusterConfig config, ApiTokenSource apiTokens, ObjectMapper mapper,
            Instance<TlsConfigurationRegistry> tlsRegistry, InvocationBudget budget) {
        this.config = config;
        this.apiTokens = apiTokens;
        this.mapper = mapper;
        this.jsonFactory = mapper.getFactory();
        this.errors = new ClusterErrors(mapper, apiTokens::source);
        this.retryPolicy = RetryPolicy.from(config.retry());
        this.tlsRegistry = tlsRegistry;
        this.budget = budget;
    }

    /** The cluster's base URL, as reports name it. */
    public String clusterUrl() {
        return connection().endpoint().toString();
    }

    /**
     * Lists tokens and hands the entries, as a stream read straight off the response, to {@code reader}.
     * On a retryable failure the whole call is repeated, so {@code reader} must build its result afresh each time.
     */
    public <R> R list(ListQuery query, Function<Stream<TokenStub>, R> reader) {
        return listBody(query, body -> {
            try (Stream<TokenStub> entries = TokenListReader.stream(jsonFactory, body)) {
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
            TokenListReader.forEach(jsonFactory, body, names, consumer);
            return consumer;
        });
    }

    private <R> R listBody(ListQuery query, Function<InputStream, R> reader) {
        List<String> permissions = query.permissions().stream().map(TokenScope::wireName).toList();
        return withRetries("list tokens", c -> {
            Response response = c.api().list(authorization(), query.limit(), query.user(),
                    permissions.isEmpty() ? null : permissions, query.from(), query.to());
            try (response) {
                expect(c, response, 200, "list");
                try {
                    return reader.apply(entityStream(response));
                } catch (MalformedBodyException e) {
                    throw new FailureSignal(errors.fromMalformedBody(c.endpoint(), 200, e));
                }
            }
        });
    }

    /**
     * Creates a token. Sent once, never retried: a failure that may have followed the cluster's create (a read
     * timeout, a dropped connection, a 5xx, an unreadable 201) is a {@link CreateOutcomeUnknownException}; any other
     * failure means no token was made. It is started only when the invocation's time left covers it and
     * {@code after}, the time the caller needs once the token exists.
     */
    public TokenSecret create(CreateToken body, Duration after) {
        Connection c = connection();
        Duration needed = config.connectTimeout().plus(c.readTimeout()).plus(after);
        Optional<Duration> left = budget.timeLeft();
        if (left.isPresent() && left.get().compareTo(needed) < 0) {
            throw new ClusterUnavailableException("Token " + Quoted.of(body.name()) + " was not created: " + left.get()
                    .toMillis() + " ms were left of DT_INVOCATION_TIMEOUT, and a create needs up to "
                    + needed.toMillis() + " ms (connect and read timeouts, then storing the result); nothing was "
                    + "sent, so a retry is safe");
        }
        Outcome<TokenSecret> outcome = attemptWithFreshToken(c, conn -> {
            Response response = conn.api().create(authorization(), body);
            try (response) {
                expect(conn, response, 201, "to create");
                TokenSecret secret = readJson(conn, response, TokenSecret.class);
                if (secret == null || secret.token() == null || secret.token().isBlank()) {
                    throw new FailureSignal(errors.fromMalformedBody(conn.endpoint(), 201,
                            new MalformedBodyException("the body holds no token")));
                }
                Secrets.register(secret.token());
                return secret;
            }
        });
        ClusterErrors.Failure failure = outcome.failure();
        if (failure == null) {
            return outcome.result();
        }
        if (failure.mayHaveTakenEffect()) {
            throw new CreateOutcomeUnknownException(failure.exception().getMessage() + ". The cluster may have "
                    + "created token " + Quoted.of(body.name()) + "; a retry of this request finds out before creating");
        }
        if (failure.exception() instanceof ClusterUnavailableException) {
            throw new ClusterUnavailableException(failure.exception().getMessage() + ". The request never reached "
                    + "the cluster, so no token was created", failure.exception());
        }
        throw failure.exception();
    }

    /** Metadata of the token with this id. */
    public TokenMetadata metadata(String id) {
        return withRetries("read token metadata", c -> {
            Response response = c.api().metadata(authorization(), id);
            try (response) {
                expect(c, response, 200, "with id '" + id + "'");
                return readJson(c, response, TokenMetadata.class);
            }
        });
    }

    /** Metadata of the token with this secret; the secret travels only in the request body. */
    public TokenMetadata lookup(String secret) {
        Secrets.register(secret);
        return withRetries("look up token", c -> {
            Response response = c.api().lookup(authorization(), new TokenLookup(secret));
            try (response) {
                expect(c, response, 200, Secrets.identifier(secret));
                return readJson(c, response, TokenMetadata.class);
            }
        });
    }

    /** Metadata of the API token this client calls with: its owner owns every token the client creates. */
    public TokenMetadata caller() {
        return lookup(apiTokens.token());
    }

    /** Updates a token (revoke, rename, replace scopes); idempotent, so retried like a read. */
    public void update(String id, TokenUpdate update) {
        withRetries("update token", c -> {
            Response response = c.api().update(authorization(), id, update);
            try (response) {
                expect(c, response, 204, "with id '" + id + "'");
                return null;
            }
        });
    }

    /** Deletes a token by id. Sent once: a repeated delete of a deleted token would only report 404. */
    public void delete(String id) {
        once(c -> {
            Response response = c.api().delete(authorization(), id);
            try (response) {
                expect(c, response, 204, "with id '" + id + "'");
                return null;
            }
        });
    }

    private <R> R withRetries(String operation, Call<R> call) {
        Connection c = connection();
        Optional<Instant> deadline = budget.deadline();
        for (int attempt = 1;; attempt++) {
            if (deadline.isPresent() && !Instant.now().isBefore(deadline.get())) {
                throw new ClusterUnavailableException(operation + ": not sent, the invocation's time "
                        + "(DT_INVOCATION_TIMEOUT) is used up" + (attempt == 1 ? "" : " after " + (attempt - 1)
                        + " attempts"));
            }
            Outcome<R> outcome = attemptWithFreshToken(c, call);
            ClusterErrors.Failure failure = outcome.failure();
            if (failure == null) {
                return outcome.result();
            }
            if (!failure.retryable()) {
                throw failure.exception();
            }
            if (attempt >= retryPolicy.maxAttempts()) {
                throw ClusterErrors.withNote(failure.exception(), " (gave up after " + attempt + " attempts)");
            }
            Duration wait = failure.requestedDelay().isPresent() ? failure.requestedDelay().get()
                    : retryPolicy.backoff(attempt);
            if (wait.compareTo(retryPolicy.maxBackoff()) > 0) {
                // Waiting less than the cluster asked would only earn another 429: report it instead.
                throw failure.exception();
            }
            if (deadline.isPresent()) {
                // The wait and a whole further attempt (up to the read timeout) must end before the deadline,
                // or Lambda would cut the invocation off mid-retry and the caller would learn nothing.
                Duration left = Duration.between(Instant.now(), deadline.get());
                if (wait.plus(c.readTimeout()).compareTo(left) > 0) {
                    throw ClusterErrors.withNote(failure.exception(), "; stopped retrying after " + attempt
                            + (attempt == 1 ? " attempt" : " attempts") + " to report before the invocation deadline ("
                            + Math.max(0, left.toMillis()) + " ms left of DT_INVOCATION_TIMEOUT "
                            + budget.invocationTimeout().map(Duration::toMillis).orElse(0L)
                            + " ms; a retry needs up to " + wait.plus(c.readTimeout()).toMillis() + " ms)");
                }
            }
            LOG.warnf("%s: %s; attempt %d of %d, retrying in %d ms", operation, failure.exception().getMessage(),
                    attempt, retryPolicy.maxAttempts(), wait.toMillis());
            sleep(wait);
        }
    }

    /** {@code task} made to run on another thread with the calling invocation's deadline. */
    public <T> Callable<T> carryingDeadline(Callable<T> task) {
        return budget.carrying(task);
    }

    private <R> R once(Call<R> call) {
        Outcome<R> outcome = attemptWithFreshToken(connection(), call);
        if (outcome.failure() != null) {
            throw outcome.failure().exception();
        }
        return outcome.result();
    }

    /** The result of one attempt: a value, or the failure that decides whether to try again. */
    private record Outcome<R>(R result, ClusterErrors.Failure failure) {
    }

    /**
     * One attempt; when the cluster refuses the API token (401) and a fresh read of it finds a rotated value, one
     * more with that value: a 401 means nothing was executed, so even a create may be sent again.
     */
    private <R> Outcome<R> attemptWithFreshToken(Connection c, Call<R> call) {
        Outcome<R> outcome = attempt(c, call);
        if (outcome.failure() != null && outcome.failure().tokenRefused() && apiTokens.refresh()) {
            LOG.info("The cluster refused the cached API token; read it again and found a new value (rotated): "
                    + "sending once more");
            return attempt(c, call);
        }
        return outcome;
    }

    private <R> Outcome<R> attempt(Connection c, Call<R> call) {
        try {
            return new Outcome<>(call.run(c), null);
        } catch (FailureSignal signal) {
            return new Outcome<>(null, signal.failure);
        } catch (ProcessingException e) {
            return new Outcome<>(null, errors.fromTransport(c.endpoint(), e, config.connectTimeout(),
                    c.readTimeout()));
        }
    }

    private void expect(Connection c, Response response, int expectedStatus, String subject) {
        int status = response.getStatus();
        if (status != expectedStatus && status / 100 == 2) {
            // Another success status is not the API's answer: the request may have taken effect, so say so.
            throw new FailureSignal(errors.fromMalformedBody(c.endpoint(), status, new MalformedBodyException(
                    "the API answers " + expectedStatus + " here; the request may or may not have taken effect")));
        }
        if (status != expectedStatus) {
            throw new FailureSignal(errors.fromResponse(c.endpoint(), subject, response, retryPolicy));
        }
    }

    private <T> T readJson(Connection c, Response response, Class<T> type) {
        try (InputStream in = entityStream(response)) {
            return mapper.readValue(in, type);
        } catch (IOException e) {
            throw new FailureSignal(errors.fromMalformedBody(c.endpoint(), response.getStatus(),
                    MalformedBodyException.from(e)));
        }
    }

    private static InputStream entityStream(Response response) {
        InputStream in = response.readEntity(InputStream.class);
        return in == null ? InputStream.nullInputStream() : in;
    }

    private String authorization() {
        return "Api-Token " + apiTokens.token();
    }

    private Connection connection() {
        Connection current = connection;
        if (current == null) {
            synchronized (this) {
                current = connection;
                if (current == null) {
                    current = connect();
                    connection = current;
                }
            }
        }
        return current;
    }

    private Connection connect() {
        ClusterEndpoint endpoint = ClusterEndpoint.parse(config.clusterUrl().orElse(null));
        Duration readTimeout = effectiveReadTimeout(config.readTimeout(), budget.invocationTimeout(),
                budget.safetyMargin());
        QuarkusRestClientBuilder builder = QuarkusRestClientBuilder.newBuilder()
                .baseUri(endpoint.baseUri())
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .disableDefaultMapper(true)
                .followRedirects(false)
                .loggingMaskedHeaders(Set.of("Authorization"))
                .httpClientOptionsCustomizer(options -> options
                        // The body stream hands over one piece at a time, each a wake-up of the reading thread:
                        // a list of a million tokens (85 MB) came in 10,000 pieces of 8 KB; now in few large ones.
                        .setMaxChunkSize(BODY_PIECE_BYTES)
                        .setReceiveBufferSize(BODY_PIECE_BYTES));
        trustConfiguration().ifPresent(builder::tlsConfiguration);
        return new Connection(endpoint, builder.build(ClusterTokenApi.class), readTimeout);
    }

    /**
     * DT_READ_TIMEOUT, but never longer than the invocation's budget: a single wait for an answer must not outlast
     * the invocation, or Lambda ends it before the error can be reported.
     */
    static Duration effectiveReadTimeout(Duration readTimeout, Optional<Duration> invocationTimeout,
            Duration safetyMargin) {
        if (invocationTimeout.isEmpty()) {
            return readTimeout;
        }
        Duration budget = invocationTimeout.get().minus(safetyMargin);
        Duration floor = Duration.ofMillis(100);
        Duration capped = budget.compareTo(floor) < 0 ? floor : budget;
        return readTimeout.compareTo(capped) > 0 ? capped : readTimeout;
    }

    private java.util.Optional<TlsConfiguration> trustConfiguration() {
        String name = config.tlsConfigurationName();
        if (tlsRegistry.isUnsatisfied()) {
            return java.util.Optional.empty();
        }
        TlsConfiguration tls = tlsRegistry.get().get(name).orElse(null);
        if (tls == null) {
            return java.util.Optional.empty();
        }
        if (tls.isTrustAll()) {
            throw new ConfigurationException("TLS configuration '" + name + "' disables certificate checks; "
                    + "trust the cluster's certificate authority instead");
        }
        return java.util.Optional.of(tls);
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterUnavailableException("Interrupted while waiting to retry");
        }
    }

    /** Carries a mapped failure out of a call, so the retry loop decides in one place. */
    private static final class FailureSignal extends RuntimeException {
        private final transient ClusterErrors.Failure failure;

        FailureSignal(ClusterErrors.Failure failure) {
            super(null, null, false, false);
            this.failure = failure;
        }
    }
}
