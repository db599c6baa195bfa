package com.clustertokens.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

import com.clustertokens.simulator.lambda.RuntimeApi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in of Lambda's synchronous Invoke API ({@code POST /2015-03-31/functions/{FunctionName}/invocations}) on
 * loopback, serving the environments of {@link PackagedFunctions} by function name or alias ARN: a function's
 * response is answered 200, its error 200 with {@code X-Amz-Function-Error: Unhandled} and the error document, as
 * Lambda answers them. {@link #throttleOnce} makes the service itself fail one invocation, as Lambda does when a
 * function's concurrency is used up (429 TooManyRequestsException), without running the function.
 */
final class LambdaInvokeApi implements AutoCloseable {

    /** Guards against a hung invocation only; the state machine's own Task timeout is shorter. */
    private static final int INVOKE_SECONDS = 300;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "/2015-03-31/functions/";

    /** One call that reached the stand-in: the function's export, its payload, and how it ended. */
    record Invocation(String function, JsonNode payload, Ending ending, JsonNode answer) {
    }

    /** How an invocation ended. */
    enum Ending {
        RESPONSE, FUNCTION_ERROR, THROTTLED
    }

    private record Throttle(String function, Predicate<JsonNode> payload) {
    }

    private final PackagedFunctions functions;
    private final HttpServer server;
    private final List<Invocation> invocations = Collections.synchronizedList(new ArrayList<>());
    private final List<Throttle> throttles = Collections.synchronizedList(new ArrayList<>());

    LambdaInvokeApi(PackagedFunctions functions) throws IOException {
        this.functions = functions;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(PREFIX, this::invoke);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "lambda-invoke-api");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    /** The endpoint a Lambda client is pointed at. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The first invocation of {@code function} whose payload matches is throttled; the ones after it run. */
    void throttleOnce(String function, Predicate<JsonNode> payload) {
        throttles.add(new Throttle(function, payload));
    }

    /** Every invocation so far, in arrival order. */
    List<Invocation> invocations() {
        synchronized (invocations) {
            return List.copyOf(invocations);
        }
    }

    private void invoke(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String name = path.endsWith("/invocations")
                    ? path.substring(PREFIX.length(), path.length() - "/invocations".length())
                    : "";
            String function = "POST".equals(exchange.getRequestMethod()) ? functions.exportNamed(name) : null;
            if (function == null) {
                error(exchange, 404, "ResourceNotFoundException", "Function not found: " + name);
                return;
            }
            JsonNode payload = JSON.readTree(body.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : body);
            if (takeThrottle(function, payload)) {
                invocations.add(new Invocation(function, payload, Ending.THROTTLED, null));
                error(exchange, 429, "TooManyRequestsException", "Rate Exceeded.");
                return;
            }
            RuntimeApi.Outcome outcome;
            try {
                outcome = functions.function(function).invoke(payload.toString(), INVOKE_SECONDS);
            } catch (Exception e) {
                error(exchange, 500, "ServiceException", "the environment of " + function + " failed: " + e);
                return;
            }
            invocations.add(new Invocation(function, payload, outcome.success()
                    ? Ending.RESPONSE
                    : Ending.FUNCTION_ERROR, JSON.readTree(outcome.body())));
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("X-Amz-Executed-Version", "$LATEST");
            if (!outcome.success()) {
                exchange.getResponseHeaders().set("X-Amz-Function-Error", "Unhandled");
            }
            send(exchange, 200, outcome.body());
        }
    }

    private boolean takeThrottle(String function, JsonNode payload) {
        synchronized (throttles) {
            for (Throttle throttle : throttles) {
                if (throttle.function().equals(function) && throttle.payload().test(payload)) {
                    throttles.remove(throttle);
                    return true;
                }
            }
            return false;
        }
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
        send(exchange, status, JSON.createObjectNode().put("Type", "User").put("message", message).toString()
                .getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
