package com.clustertokens.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An HTTP proxy on loopback that lets one request at a time through to its target, in arrival order. moto_server
 * answers each request on a thread of its own with no lock around a conditional write's check and write, so two
 * racing conditional puts of one DynamoDB item can both succeed; DynamoDB applies them one after the other. In front
 * of moto, the proxy makes each request atomic, as the tests of concurrent claims need.
 */
final class SerializingProxy implements AutoCloseable {

    /** Headers of one hop, which the JDK client and server set themselves. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "expect", "host",
            "keep-alive", "transfer-encoding", "upgrade");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "serializing-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30)).build();
    private final ReentrantLock oneAtATime = new ReentrantLock(true);
    private final String target;

    private SerializingProxy(HttpServer server, String target) {
        this.server = server;
        this.target = target;
    }

    /** Listens on {@code port} of 127.0.0.1 and forwards to {@code target} (scheme, host and port). */
    static SerializingProxy start(int port, String target) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new IllegalStateException("the proxy in front of " + target + " could not listen on " + port, e);
        }
        SerializingProxy proxy = new SerializingProxy(server, target);
        server.setExecutor(proxy.threads);
        server.createContext("/", proxy::forward);
        server.start();
        return proxy;
    }

    /** Requests that arrived and wait for the one in flight to be answered. */
    int waiting() {
        return oneAtATime.getQueueLength();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            URI uri = exchange.getRequestURI();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + uri.getRawPath()
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())))
                    .method(exchange.getRequestMethod(), body.length == 0
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            HttpResponse<byte[]> response;
            oneAtATime.lock();
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                respond(exchange, 502, ("the proxy could not reach " + target + ": " + e).getBytes(
                        StandardCharsets.UTF_8));
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                oneAtATime.unlock();
            }
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            respond(exchange, response.statusCode(), exchange.getRequestMethod().equals("HEAD")
                    ? new byte[0]
                    : response.body());
        }
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        boolean noBody = body.length == 0 || status == 204 || status == 304
                || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
