package com.clustertokens.snapstart;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.clustertokens.cluster.RegisteredCluster;
import com.clustertokens.token.TokenSecretStore;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback stand-in of the cluster and of AWS for priming: a JDK HTTP server on 127.0.0.1 and a free port that
 * answers each call the functions make with a canned answer of the real shape (the Cluster API v2 token
 * operations; DynamoDB and Secrets Manager by {@code X-Amz-Target}; SNS Publish; EventBridge Scheduler's
 * CreateSchedule; a chat webhook at {@link #WEBHOOK}). Its Secrets Manager holds one secret as create-token stores
 * them, in the middle of a rotation: {@link #CURRENT_VERSION}, and two pending versions, {@link #CREATE_VERSION}
 * (no value yet: createSecret's) and {@link #PENDING_VERSION} (stored: the later steps').
 * Every answer says {@code Connection: close}, so no client keeps a pooled connection to it.
 */
final class StandIn implements AutoCloseable {

    static final String WEBHOOK = "/webhook";
    /** The API token the stand-in's secret holds: a well-formed dt0c01 token that opens nothing else. */
    static final String API_TOKEN = "dt0c01.SNAPSTARTPRIMINGAPITOKEN." + "0".repeat(64);
    /** The secret of every token the stand-in "creates". */
    static final String CREATED_TOKEN = "dt0c01.SNAPSTARTPRIMINGCREATED0." + "1".repeat(64);

    /** The version ids of the rotated secret (Secrets Manager's form: 32 to 64 letters, digits or -). */
    static final String CURRENT_VERSION = "snapstart-priming-version-current-0000";
    static final String CREATE_VERSION = "snapstart-priming-version-created-0001";
    static final String PENDING_VERSION = "snapstart-priming-version-pending-0002";
    /** A token in use, as rotate-token and the rotation follow-up read it; neither the API token nor a created one. */
    static final String DORMANT = "5e0f5c3c-0d0a-4d6e-9a55-000000000002";

    private static final String TOKENS = "/api/cluster/v2/tokens";
    private static final String SCHEDULES = "/schedules/";
    /** Every secret's ARN is this and its name, so a call by ARN finds the secret as one by name. */
    private static final String SECRET_ARN = "arn:aws:secretsmanager:us-east-1:000000000000:secret:";
    private static final String ACTIVE = "5e0f5c3c-0d0a-4d6e-9a55-000000000001";
    private static final Pattern SECRET_ID = Pattern.compile("\"SecretId\"\\s*:\\s*\"([^\"]+)\"");
    private static final String NEVER_USED = "dt0c01.SNAPSTARTPRIMINGNEVER000";
    private static final String CREATED = "5e0f5c3c-0d0a-4d6e-9a55-000000000003";

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<String> served = new CopyOnWriteArrayList<>();
    private final long now = Instant.now().toEpochMilli();

    /** Starts the stand-in; {@link #close()} stops it and its threads. */
    StandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // A few threads: stale-tokens reads its three lists at once and its metadata four at a time.
        executor = Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "snapstart-stand-in");
            thread.setDaemon(true);
            return thread;
        });
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** What it served, one line per request: method, path and query, and the AWS operation when there is one. */
    List<String> served() {
        return List.copyOf(served);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            served.add(method + " " + path + (query == null ? "" : "?" + query) + (target == null ? "" : " " + target));
            exchange.getResponseHeaders().set("Connection", "close");
            if (path.startsWith(TOKENS)) {
                cluster(exchange, method, path.substring(TOKENS.length()), query);
            } else if (target != null) {
                aws(exchange, target, body);
            } else if (path.startsWith(SCHEDULES) && method.equals("POST")) {
                send(exchange, 200, "application/json", "{\"ScheduleArn\":\"arn:aws:scheduler:us-east-1:000000000000:"
                        + "schedule/snapstart-priming/" + path.substring(SCHEDULES.length()) + "\"}");
            } else if (body.contains("Action=Publish")) {
                send(exchange, 200, "text/xml", "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
                        + "<PublishResult><MessageId>snapstart-priming</MessageId></PublishResult>"
                        + "<ResponseMetadata><RequestId>snapstart-priming</RequestId></ResponseMetadata>"
                        + "</PublishResponse>");
            } else if (path.equals(WEBHOOK)) {
                send(exchange, 200, "text/plain", "ok");
            } else {
                send(exchange, 404, "application/json",
                        "{\"error\":{\"code\":404,\"message\":\"not a stand-in call\"}}");
            }
        }
    }

    private void cluster(HttpExchange exchange, String method, String rest, String query) throws IOException {
        if (rest.isEmpty() && method.equals("GET")) {
            String values = query != null && query.contains("from=")
                    ? entry(ACTIVE, "priming-active")
                    : query != null && query.contains("to=")
                            ? entry(DORMANT, "priming-dormant")
                            : String.join(",", entry(ACTIVE, "priming-active"), entry(DORMANT, "priming-dormant"),
                                    entry(NEVER_USED, "priming-never-used"));
            send(exchange, 200, "application/json", "{\"values\":[" + values + "],\"totalCount\":"
                    + values.split("\"id\"").length + "}");
        } else if (rest.isEmpty() && method.equals("POST")) {
            send(exchange, 201, "application/json", "{\"id\":\"" + CREATED + "\",\"token\":\"" + CREATED_TOKEN + "\"}");
        } else if (rest.equals("/lookup") && method.equals("POST")) {
            send(exchange, 200, "application/json", metadata(CREATED, "snapstart-priming", now, null));
        } else if (method.equals("GET")) {
            String id = rest.substring(1);
            send(exchange, 200, "application/json", metadata(id, "priming-dormant", now - days(400),
                    id.equals(NEVER_USED) ? null : now - days(200)));
        } else {
            send(exchange, 204, null, "");
        }
    }

    private void aws(HttpExchange exchange, String target, String body) throws IOException {
        String json = target.startsWith("DynamoDB_") ? "application/x-amz-json-1.0" : "application/x-amz-json-1.1";
        String secret = SECRET_ARN + "snapstart-priming";
        switch (target) {
            case "secretsmanager.GetSecretValue" -> {
                if (body.contains(CREATE_VERSION)) {
                    send(exchange, 400, json, "{\"__type\":\"ResourceNotFoundException\",\"Message\":\"Secrets "
                            + "Manager can't find the specified secret value for VersionId\"}");
                } else {
                    send(exchange, 200, json, "{\"ARN\":\"" + secret + "\",\"Name\":\"snapstart-priming\","
                            + "\"VersionId\":\"v1\",\"SecretString\":\"" + (body.contains("webhook")
                                    ? url() + WEBHOOK
                                    : API_TOKEN) + "\"}");
                }
            }
            case "secretsmanager.DescribeSecret" -> send(exchange, 200, json, describe(body));
            case "secretsmanager.CreateSecret" -> send(exchange, 200, json, "{\"ARN\":\"" + secret
                    + "\",\"Name\":\"snapstart-priming\",\"VersionId\":\"v1\"}");
            default -> send(exchange, 200, json, "{}");
        }
    }

    /** The secret asked for (by name, or by an ARN naming it), as create-token tags what it stores, mid-rotation. */
    private static String describe(String body) {
        Matcher id = SECRET_ID.matcher(body);
        String asked = id.find() ? id.group(1) : SECRET_ARN + "snapstart-priming";
        String name = asked.startsWith(SECRET_ARN) ? asked.substring(SECRET_ARN.length()) : asked;
        return "{\"ARN\":\"" + SECRET_ARN + name + "\",\"Name\":\"" + name + "\",\"Tags\":[{\"Key\":\""
                + TokenSecretStore.TAG_CLUSTER + "\",\"Value\":\"" + RegisteredCluster.DEFAULT + "\"},{\"Key\":\""
                + TokenSecretStore.TAG_TOKEN_ID + "\",\"Value\":\"" + CREATED + "\"}],\"VersionIdsToStages\":{\""
                + CURRENT_VERSION + "\":[\"AWSCURRENT\"],\"" + CREATE_VERSION + "\":[\"AWSPENDING\"],\""
                + PENDING_VERSION + "\":[\"AWSPENDING\"]}}";
    }

    private static String entry(String id, String name) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"description\":\"SnapStart priming\"}";
    }

    private static String metadata(String id, String name, long created, Long lastUse) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"userId\":\"snapstart-priming\",\"revoked\":false,"
                + "\"created\":" + created + ",\"expires\":" + (created + days(800)) + (lastUse == null
                        ? ""
                        : ",\"lastUse\":" + lastUse)
                + ",\"scopes\":[\"DiagnosticExport\"],\"personalAccessToken\":false}";
    }

    private static long days(int days) {
        return Duration.ofDays(days).toMillis();
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (type != null) {
            exchange.getResponseHeaders().set("Content-Type", type);
        }
        // -1: no body at all; the body is closed with the exchange, in handle.
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
