package com.clustertokens.simulator.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local AWS Lambda Runtime API (the 2018-06-01 interface the Runtime Interface Client polls): hands out one
 * queued event per {@code GET /invocation/next} and completes the caller's future when the function posts its
 * response or error. Times are taken here, on the caller's side, as Lambda would bill them.
 */
public final class RuntimeApi implements AutoCloseable {

    private static final String BASE = "/2018-06-01/runtime";

    /**
     * What the function answered to one event: its response, or ({@code success} false) the error document the
     * runtime posted ({@code errorMessage}, {@code errorType}, {@code stackTrace}).
     */
    public record Outcome(boolean success, byte[] body, long dispatchedNanos, long answeredNanos) {
        public long millis() {
            return TimeUnit.NANOSECONDS.toMillis(answeredNanos - dispatchedNanos);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            // Never the body: a create-token response holds a secret.
            return (success ? "response" : "error") + " of " + body.length + " bytes";
        }
    }

    private record Pending(String requestId, byte[] event, CompletableFuture<Outcome> result) {
    }

    private final String functionArn;
    private final Duration timeout;
    private final HttpServer server;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final ConcurrentHashMap<String, Pending> inFlight = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> dispatched = new ConcurrentHashMap<>();
    private final CompletableFuture<Long> firstPoll = new CompletableFuture<>();
    private final CompletableFuture<String> initError = new CompletableFuture<>();
    private final CompletableFuture<Long> restoreNext = new CompletableFuture<>();

    /**
     * Starts on a free loopback port; {@code functionArn} is what each invocation names as the invoked function, and
     * {@code timeout} (the function's Timeout) sets each invocation's deadline, as the Context reports it.
     */
    public RuntimeApi(String functionArn, Duration timeout) throws IOException {
        this.functionArn = functionArn;
        this.timeout = timeout;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(BASE + "/invocation/next", this::next);
        server.createContext(BASE + "/invocation/", this::answer);
        server.createContext(BASE + "/init/error", this::initError);
        // A SnapStart init: the runtime asks here once its beforeCheckpoint hooks ran (the snapshot would be taken
        // now) and runs its afterRestore hooks when answered; a failure of those is posted to restore/error.
        server.createContext(BASE + "/restore/next", this::restoreNext);
        server.createContext(BASE + "/restore/error", this::initError);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "runtime-api");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues an event; the future completes when the function answers it. */
    public CompletableFuture<Outcome> invoke(String event) {
        Pending pending = new Pending(UUID.randomUUID().toString(), event.getBytes(StandardCharsets.UTF_8),
                new CompletableFuture<>());
        queue.add(pending);
        return pending.result();
    }

    /** Completes, with System.nanoTime(), when the runtime first asks for work: its init is over. */
    public CompletableFuture<Long> firstPoll() {
        return firstPoll;
    }

    /** Completes, with System.nanoTime(), when a SnapStart runtime is ready for its snapshot (init over). */
    public CompletableFuture<Long> restoreNext() {
        return restoreNext;
    }

    /** Completes when the runtime reports that its init (or a SnapStart restore) failed. */
    public CompletableFuture<String> initError() {
        return initError;
    }

    private void restoreNext(HttpExchange exchange) throws IOException {
        restoreNext.complete(System.nanoTime());
        try (exchange) {
            exchange.sendResponseHeaders(200, -1);
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        firstPoll.complete(System.nanoTime());
        try (exchange) {
            Pending pending;
            try {
                pending = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            inFlight.put(pending.requestId(), pending);
            var headers = exchange.getResponseHeaders();
            headers.set("Content-Type", "application/json");
            headers.set("Lambda-Runtime-Aws-Request-Id", pending.requestId());
            headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + timeout.toMillis()));
            headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
            headers.set("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0");
            dispatched.put(pending.requestId(), System.nanoTime());
            exchange.sendResponseHeaders(200, pending.event().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(pending.event());
            }
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String rest = path.substring((BASE + "/invocation/").length());
            int slash = rest.indexOf('/');
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            long answered = System.nanoTime();
            Pending pending = slash < 0 ? null : inFlight.remove(rest.substring(0, slash));
            if (pending == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            boolean success = rest.endsWith("/response");
            exchange.sendResponseHeaders(202, -1);
            pending.result().complete(new Outcome(success, body,
                    dispatched.remove(pending.requestId()), answered));
        }
    }

    private void initError(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            exchange.sendResponseHeaders(202, -1);
            initError.complete(new String(body, StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
