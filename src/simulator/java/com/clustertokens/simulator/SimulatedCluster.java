package com.clustertokens.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/** An in-process Dynatrace Managed cluster serving the Cluster API v2 token operations over real HTTP. */
public final class SimulatedCluster {

    /** Local-run token; public part exactly 24 and secret part exactly 64 characters, like a real one. */
    static final String LOCAL_DEV_TOKEN = "dt0c01.LOCALDEVSIMULATOR0000000.NOTASECRETLOCALDEVELOPMENTONLYSIMULATORTOKEN00000000000000000000";
    static final String ADMIN_NAME = "simulator-admin";
    static final String ADMIN_USER = "admin";

    private final HttpServer server;
    private final ExecutorService executor;
    private final TokenStore store = new TokenStore();
    private final TokenApi api;
    private final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private final SecureRandom random = new SecureRandom();
    private volatile String apiToken;
    private final String apiTokenId = UUID.randomUUID().toString();
    private volatile Clock clock = Clock.systemUTC();
    private volatile IdForm idForm = IdForm.UUID;

    private SimulatedCluster(int port, String apiToken) throws IOException {
        this.apiToken = apiToken;
        addAdminToken();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 0);
        api = new TokenApi(store, () -> clock, requests::add, () -> idForm);
        server.createContext("/", api);
        executor = Executors.newFixedThreadPool(4, daemonThreads());
        server.setExecutor(executor);
        server.start();
    }

    /** Starts a simulator on 127.0.0.1 ({@code port} 0 picks a free one) accepting {@code apiToken}. */
    public static SimulatedCluster start(int port, String apiToken) {
        Objects.requireNonNull(apiToken, "apiToken");
        if (apiToken.isBlank()) {
            throw new IllegalArgumentException("apiToken must not be blank");
        }
        try {
            return new SimulatedCluster(port, apiToken);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the simulated cluster on port " + port, e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** How a create goes wrong after the cluster has made the token: the caller cannot tell that it did. */
    public enum CreateFault {
        /** A proxy's 504 with an HTML page. */
        GATEWAY_TIMEOUT,
        /** The connection closes before any answer. */
        CONNECTION_DROPPED,
        /** A 201 whose body is cut off. */
        UNREADABLE_SUCCESS
    }

    /** The next create (one per call, in order) makes its token and then answers as {@code fault} says. */
    public SimulatedCluster failCreateAfterApplying(CreateFault fault) {
        api.failCreateAfterApplying(Objects.requireNonNull(fault, "fault"));
        return this;
    }

    /**
     * After {@code after} more updates ({@code PUT}) or deletes ({@code DELETE}) answered normally, the next
     * {@code times} are applied and then answered 504: the caller cannot tell that they took effect. (0, 0) clears it.
     */
    public SimulatedCluster failAfterApplying(String method, int after, int times) {
        api.failAfterApplying(Objects.requireNonNull(method, "method"), after, times);
        return this;
    }

    /**
     * The next {@code times} updates ({@code PUT}) or deletes ({@code DELETE}) are answered {@code status} and not
     * applied: a 400 the cluster refused, or a 5xx after which the caller cannot tell that nothing changed. (0) clears it.
     */
    public SimulatedCluster refuse(String method, int status, int times) {
        api.refuse(Objects.requireNonNull(method, "method"), status, times);
        return this;
    }

    /** Every metadata read ({@code GET /tokens/{id}}) of {@code id} is answered 500 until {@link #reset()}. */
    public SimulatedCluster failMetadata(String id) {
        api.unreadableMetadata.add(Objects.requireNonNull(id, "id"));
        return this;
    }

    /**
     * Every metadata read of {@code id} is answered 200 with only its id and name (no owner, creation, expiry or last
     * use), as a cluster or proxy that loses fields might, until {@link #reset()}.
     */
    public SimulatedCluster loseMetadata(String id) {
        api.lostMetadata.add(Objects.requireNonNull(id, "id"));
        return this;
    }

    /** Every metadata read of {@code id} is answered 200 with an {@code expires} that is not a number, until reset. */
    public SimulatedCluster malformMetadata(String id) {
        api.malformedMetadata.add(Objects.requireNonNull(id, "id"));
        return this;
    }

    /**
     * Rotates the API token: the old secret stops working at once, the new one (returned) has the same id and
     * owner, as when an administrator replaces it.
     */
    public String rotateApiToken() {
        return rotateApiToken(TokenSecrets.generate(random));
    }

    /** Rotates the API token to {@code rotated} (as {@link #rotateApiToken()}); tests use it to rotate back. */
    public String rotateApiToken(String rotated) {
        store.put(new SimulatedToken(apiTokenId, ADMIN_NAME, null, ADMIN_USER,
                List.of(Scopes.CLUSTER_TOKEN_MANAGEMENT), clock.instant(), null, null, false, false, rotated));
        apiToken = rotated;
        return rotated;
    }

    /** Live (not revoked) tokens with this name, as a test counts what a request left behind. */
    public List<SimulatedToken> liveTokensNamed(String name) {
        return store.matching(t -> t.name().equals(name) && !t.revoked());
    }

    /** Uses {@code clock} for creation times, expiry checks and the caller's last use from now on. */
    public SimulatedCluster withClock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Issues ids of this form to the tokens it makes from now on (created, addToken, generated, samples); UUIDs
     * by default. The API token keeps its UUID, so a cluster issuing {@code dt0c01.} ids lists both forms.
     */
    public SimulatedCluster issueIds(IdForm form) {
        this.idForm = Objects.requireNonNull(form, "form");
        return this;
    }

    /**
     * Keeps each rendered list body (up to {@code maxBytes} in all) and serves it again, with a Content-Length,
     * until a change to the tokens could alter it; a caller's own last-use stamp only does when it moves that token
     * in or out of the list. For benchmarks: they should time the client, not the simulator's generation.
     */
    public SimulatedCluster cacheListBodies(long maxBytes) {
        api.cacheListBodies(new ListBodyCache(maxBytes));
        return this;
    }

    /**
     * Adds eight realistic tokens relative to {@code now}. Ids and secrets come from a fixed seed, so seeding
     * twice replaces rather than duplicates them.
     */
    public SimulatedCluster seedSamples(Instant now) {
        SplittableRandom seeded = new SplittableRandom(20240611L);
        sample(seeded, "InstallerDownload", "Created automatically for installer downloads", "alice",
                List.of("UnattendedInstall"), now.minus(days(90)), null, null, false);
        sample(seeded, "Mobile", "Created automatically for the Dynatrace mobile app", "bob",
                List.of("ControlManagement"), now.minus(days(60)), null, now.minus(Duration.ofHours(2)), false);
        sample(seeded, "ci-deploy", "Deploys cluster configuration from CI", "alice",
                List.of(Scopes.CLUSTER_TOKEN_MANAGEMENT), now.minus(days(120)), now.plus(days(60)),
                now.minus(days(1)), false);
        sample(seeded, "old-backup-job", null, "bob", List.of("ControlManagement", "DiagnosticExport"),
                now.minus(days(400)), null, now.minus(days(200)), false);
        sample(seeded, "never-used-export", null, "pete", List.of("DiagnosticExport"),
                now.minus(days(30)), null, null, false);
        sample(seeded, "revoked-settings-sync", "Replaced during rotation", "alice",
                List.of("settings.read", "settings.write"), now.minus(days(100)), null, now.minus(days(50)), true);
        sample(seeded, "expiring-synthetic", null, "bob", List.of("ExternalSyntheticIntegration"),
                now.minus(days(27)), now.plus(days(3)), now.minus(Duration.ofHours(3)), false);
        // Capital P on purpose: the Dynatrace docs' example lists user=Pete&permissions=ClusterTokenManagement.
        sample(seeded, "pete-token-admin", null, "Pete",
                List.of(Scopes.CLUSTER_TOKEN_MANAGEMENT, "EnvironmentTokenManagement"), now.minus(days(10)), null,
                now.minus(days(5)), false);
        return this;
    }

    /** Puts a token as given, replacing a token with the same id in place. */
    public SimulatedToken add(SimulatedToken token) {
        return store.put(Objects.requireNonNull(token, "token"));
    }

    /** Adds a token with a generated id and secret, created now (or at {@code lastUse} if that is earlier). */
    public SimulatedToken addToken(String name, String userId, List<String> scopes, Instant lastUse) {
        Instant now = clock.instant();
        Instant created = lastUse != null && lastUse.isBefore(now) ? lastUse : now; // never used before it existed
        String secret = TokenSecrets.generate(random);
        return add(new SimulatedToken(idForm.newId(secret), name, null, userId, scopes, created, null, lastUse,
                false, false, secret));
    }

    /** Appends {@code count} deterministic synthetic tokens; they are derived on demand, not stored one by one. */
    public void addGenerated(int count, Instant now, long seed) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        store.addSynthetic(count, seed, now, idForm);
    }

    public Optional<SimulatedToken> token(String id) {
        return store.byId(id);
    }

    public Optional<SimulatedToken> tokenBySecret(String secret) {
        return store.bySecret(secret);
    }

    /** The id of the live token holding {@code secret}, so tests can follow a token the API just created. */
    public Optional<String> idOfSecret(String secret) {
        return store.bySecret(secret).map(SimulatedToken::id);
    }

    public int size() {
        return store.size();
    }

    /** Removes every token and recorded request, then restores the API token, which must keep working. */
    public void reset() {
        api.unreadableMetadata.clear();
        api.lostMetadata.clear();
        api.malformedMetadata.clear();
        store.clear();
        addAdminToken();
        clearRequests();
    }

    /** Every request received so far, rejected ones included, in arrival order. */
    public List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public void clearRequests() {
        requests.clear();
    }

    public String apiToken() {
        return apiToken;
    }

    /** The id of the token behind {@link #apiToken()}, which the API refuses to update or delete. */
    public String apiTokenId() {
        return apiTokenId;
    }

    private void addAdminToken() {
        store.put(new SimulatedToken(apiTokenId, ADMIN_NAME, null, ADMIN_USER,
                List.of(Scopes.CLUSTER_TOKEN_MANAGEMENT), clock.instant(), null, null, false, false, apiToken));
    }

    private void sample(SplittableRandom seeded, String name, String description, String userId,
            List<String> scopes, Instant created, Instant expires, Instant lastUse, boolean revoked) {
        long high = seeded.nextLong();
        long low = seeded.nextLong();
        String secret = TokenSecrets.generate(seeded);
        add(new SimulatedToken(idForm.derivedId(secret, high, low), name, description, userId, scopes, created,
                expires, lastUse, revoked, false, secret));
    }

    private static Duration days(long days) {
        return Duration.ofDays(days);
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "simulated-cluster-" + count.incrementAndGet());
            thread.setDaemon(true); // a test that forgets stop() must not keep the JVM alive
            return thread;
        };
    }

    /** Runs a simulator for local development: {@code [port]} (default 8089), token from {@code DT_API_TOKEN}. */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8089;
        String fromEnv = System.getenv("DT_API_TOKEN");
        String token = fromEnv == null || fromEnv.isBlank() ? LOCAL_DEV_TOKEN : fromEnv.trim();
        SimulatedCluster cluster = start(port, token).seedSamples(Instant.now());
        System.out.println("Simulated Dynatrace cluster at " + cluster.url() + TokenApi.BASE_PATH);
        // The built-in token is a published stand-in, printed whole so other tools can call; a token of one's own
        // (DT_API_TOKEN) is a secret and shown by its identifier only.
        System.out.println(token.equals(LOCAL_DEV_TOKEN)
                ? "Accepting the local development API token (not a secret): " + LOCAL_DEV_TOKEN
                        + "\nfor example: curl -H 'Authorization: Api-Token " + LOCAL_DEV_TOKEN + "' " + cluster.url()
                        + TokenApi.BASE_PATH
                : "Accepting API token " + TokenSecrets.identifier(token) + " (from DT_API_TOKEN)");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cluster.stop();
            stopped.countDown();
        }));
        stopped.await();
    }
}
