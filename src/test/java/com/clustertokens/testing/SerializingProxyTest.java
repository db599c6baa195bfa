package com.clustertokens.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** The proxy in front of moto: each request and answer passed on whole, and one request at a time. */
class SerializingProxyTest {

    /** A guard against a hung test, never a measured time. */
    private static final long GUARD_SECONDS = 30;

    private final HttpClient client = HttpClient.newHttpClient();
    private final List<String> arrivals = new CopyOnWriteArrayList<>();
    private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();
    private final CountDownLatch firstArrived = new CountDownLatch(1);
    private HttpServer backend;
    private int port;
    private SerializingProxy proxy;

    @BeforeEach
    void start() throws IOException {
        backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backend.setExecutor(Executors.newCachedThreadPool());
        backend.createContext("/", this::answer);
        backend.start();
        port = MotoServer.freePort();
        proxy = SerializingProxy.start(port, "http://127.0.0.1:" + backend.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        holds.values().forEach(CountDownLatch::countDown);
        proxy.close();
        backend.stop(0);
    }

    /** Echoes what arrived; a request to /hold/NAME is answered only once the test releases NAME. */
    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            arrivals.add(path);
            firstArrived.countDown();
            if (path.startsWith("/hold/")) {
                await(holds.computeIfAbsent(path.substring("/hold/".length()), name -> new CountDownLatch(1)));
            }
            byte[] body = (exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + "?"
                    + exchange.getRequestURI().getRawQuery() + " target=" + exchange.getRequestHeaders().getFirst(
                            "X-Amz-Target") + " body=" + new String(exchange.getRequestBody().readAllBytes(),
                                    StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("x-amzn-RequestId", "request-1");
            exchange.sendResponseHeaders(400, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(GUARD_SECONDS, TimeUnit.SECONDS)).as("released").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpRequest post(String pathAndQuery, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .header("X-Amz-Target", "DynamoDB_20120810.PutItem")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    @Test
    void passesOnTheMethodPathQueryHeadersAndBodyAndBringsBackTheStatusHeadersAndBody() throws Exception {
        HttpResponse<String> response = client.send(post("/a/b?x=1&y=%20z", "{\"Item\":{}}"),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-RequestId")).contains("request-1");
        assertThat(response.body()).isEqualTo("POST /a/b?x=1&y=%20z target=DynamoDB_20120810.PutItem "
                + "body={\"Item\":{}}");
    }

    @Test
    @Timeout(value = GUARD_SECONDS, unit = TimeUnit.SECONDS)
    void aSecondRequestWaitsUntilTheFirstIsAnswered() throws Exception {
        CompletableFuture<HttpResponse<String>> first = client.sendAsync(post("/hold/first", "1"),
                HttpResponse.BodyHandlers.ofString());
        await(firstArrived);
        CompletableFuture<HttpResponse<String>> second = client.sendAsync(post("/second", "2"),
                HttpResponse.BodyHandlers.ofString());
        while (proxy.waiting() == 0) {
            assertThat(second).as("the second request is held back, not answered").isNotDone();
            Thread.sleep(10);
        }

        assertThat(arrivals).as("what reached the server while the first was in flight").containsExactly(
                "/hold/first");

        holds.computeIfAbsent("first", name -> new CountDownLatch(1)).countDown();
        assertThat(first.get(GUARD_SECONDS, TimeUnit.SECONDS).body()).startsWith("POST /hold/first?");
        assertThat(second.get(GUARD_SECONDS, TimeUnit.SECONDS).body()).startsWith("POST /second?");
        assertThat(arrivals).containsExactly("/hold/first", "/second");
    }
}
