package com.clustertokens.simulator;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/** Authenticates, routes and serves the six cluster-token operations over one {@link TokenStore}. */
final class TokenApi implements HttpHandler {

    static final String BASE_PATH = "/api/cluster/v2/tokens";
    static final int RECORDED_BODY_BYTES = 64 * 1024;

    private static final Logger LOG = Logger.getLogger(TokenApi.class.getName());
    private static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final int SCAN_SLICE = 8192;

    private final TokenStore store;
    private final Supplier<Clock> clock;
    private final Consumer<RecordedRequest> recorder;
    private final Supplier<IdForm> idForm;
    private final SecureRandom random = new SecureRandom();
    private volatile ListBodyCache listCache;
    private final java.util.concurrent.ConcurrentLinkedQueue<SimulatedCluster.CreateFault> createFaults = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** Per method (PUT, DELETE): the status to answer without applying, and how many more times. */
    private final java.util.Map<String, int[]> refusals = new java.util.concurrent.ConcurrentHashMap<>();

    /** Per method (PUT, DELETE): how many more to answer normally, then how many to answer 504 after applying. */
    private final java.util.Map<String, int[]> faultsAfterApplying = new java.util.concurrent.ConcurrentHashMap<>();

    TokenApi(TokenStore store, Supplier<Clock> clock, Consumer<RecordedRequest> recorder, Supplier<IdForm> idForm) {
        this.store = store;
        this.clock = clock;
        this.recorder = recorder;
        this.idForm = idForm;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            IncomingRequest request = IncomingRequest.read(exchange, MAX_BODY_BYTES);
            recorder.accept(request.toRecorded(RECORDED_BODY_BYTES));
            if (request.bodyTooLarge()) {
                throw new ApiError(413, "The request body exceeds " + MAX_BODY_BYTES + " bytes.");
            }
            SimulatedToken caller = authenticate(request);
            route(exchange, request, caller);
        } catch (ApiError e) {
            trySendError(exchange, e);
        } catch (IOException e) {
            LOG.log(Level.FINE, "client went away", e); // nothing left to answer
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "simulator failure", e);
            trySendError(exchange, new ApiError(500, "Internal simulator error: " + e.getClass().getSimpleName()));
        } finally {
            exchange.close();
        }
    }

    private SimulatedToken authenticate(IncomingRequest request) {
        if (request.query().keySet().stream().anyMatch("api-token"::equalsIgnoreCase)) {
            throw ApiError.unauthorized(
                    "The api-token query parameter is not accepted: send the Authorization: Api-Token header.");
        }
        String header = request.header("authorization");
        if (header == null || header.isBlank()) {
            throw ApiError.unauthorized("Missing authorization parameter.");
        }
        int space = header.indexOf(' ');
        if (space < 0 || !header.substring(0, space).equalsIgnoreCase("Api-Token")) {
            throw ApiError.unauthorized("Authentication failed: expected the Api-Token authorization scheme.");
        }
        String secret = header.substring(space + 1).trim();
        Instant now = clock.get().instant();
        SimulatedToken caller = store.bySecret(secret)
                .orElseThrow(() -> ApiError.unauthorized("Authentication failed"));
        if (caller.revoked()) {
            throw ApiError.unauthorized("Authentication failed: the token has been revoked.");
        }
        if (caller.isExpiredAt(now)) {
            throw ApiError.unauthorized("Authentication failed: the token has expired.");
        }
        if (!caller.scopes().contains(Scopes.CLUSTER_TOKEN_MANAGEMENT)) {
            throw ApiError.unauthorized("Authentication failed: the token lacks the ClusterTokenManagement scope.");
        }
        // A real cluster stamps the calling token's last use; other tokens' lastUse only moves when they call.
        return store.touch(caller.id(), now).orElse(caller);
    }

    private void route(HttpExchange exchange, IncomingRequest request, SimulatedToken caller) throws IOException {
        String path = request.rawPath();
        String method = request.method().toUpperCase(Locale.ROOT);
        if (path.equals(BASE_PATH) || path.equals(BASE_PATH + "/")) {
            switch (method) {
                case "GET" -> list(exchange, request);
                case "POST" -> create(exchange, request, caller);
                default -> throw methodNotAllowed("GET, POST");
            }
            return;
        }
        if (!path.startsWith(BASE_PATH + "/") || path.indexOf('/', BASE_PATH.length() + 1) >= 0) {
            throw ApiError.notFound("No such resource; the token API lives under " + BASE_PATH + ".");
        }
        String id = IncomingRequest.decode(path.substring(BASE_PATH.length() + 1), false);
        boolean lookupPath = id.equals("lookup");
        switch (method) {
            case "POST" -> {
                if (!lookupPath) {
                    throw methodNotAllowed("GET, PUT, DELETE");
                }
                lookup(exchange, request);
            }
            case "GET" -> metadata(exchange, id);
            case "PUT" -> update(exchange, request, caller, id);
            case "DELETE" -> delete(exchange, caller, id);
            default -> throw methodNotAllowed(lookupPath ? "POST, GET, PUT, DELETE" : "GET, PUT, DELETE");
        }
    }

    private void list(HttpExchange exchange, IncomingRequest request) throws IOException {
        ListQuery query = ListQuery.parse(request.query());
        exchange.getResponseHeaders().set("Content-Type", JsonIo.CONTENT_TYPE);
        ListBodyCache cache = listCache;
        if (cache == null) {
            exchange.sendResponseHeaders(200, 0); // chunked: a million entries must never sit in memory at once
            writeList(query, exchange.getResponseBody());
            return;
        }
        TokenStore.Stamp stamp = store.stamp(query::matches);
        byte[] body = cache.get(query, stamp);
        if (body == null) {
            ByteArrayOutputStream rendered = new ByteArrayOutputStream(1 << 20);
            writeList(query, rendered);
            body = rendered.toByteArray();
            if (store.stamp(query::matches).equals(stamp)) { // nothing changed the result while it was rendered
                cache.put(query, stamp, body);
            }
        }
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void writeList(ListQuery query, OutputStream out) throws IOException {
        try (JsonGenerator g = JsonIo.FACTORY.createGenerator(new BufferedOutputStream(out, 64 * 1024))) {
            g.writeStartObject();
            g.writeArrayFieldStart("values");
            List<SimulatedToken> slice = new ArrayList<>();
            int remaining = query.limit();
            for (int cursor = 0; cursor >= 0 && remaining > 0;) {
                slice.clear();
                cursor = store.scan(cursor, SCAN_SLICE, query::matches, remaining, slice);
                for (SimulatedToken token : slice) {
                    g.writeStartObject();
                    g.writeStringField("id", token.id());
                    g.writeStringField("name", token.name());
                    if (token.description() != null) {
                        g.writeStringField("description", token.description());
                    }
                    g.writeEndObject();
                }
                remaining -= slice.size();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    /** Serves list bodies from {@code cache} while nothing they depend on changes; null renders every request. */
    void cacheListBodies(ListBodyCache cache) {
        this.listCache = cache;
    }

    private void create(HttpExchange exchange, IncomingRequest request, SimulatedToken caller) throws IOException {
        Instant now = clock.get().instant();
        TokenBodies.Create body = TokenBodies.create(jsonBody(request), now);
        String secret = TokenSecrets.generate(random);
        SimulatedToken token = store.put(new SimulatedToken(idForm.get().newId(secret), body.name(), null,
                caller.userId(), body.scopes(), now, body.expires(), null, false, false, secret));
        SimulatedCluster.CreateFault fault = createFaults.poll();
        if (fault != null) {
            answerAfterCreate(exchange, fault);
            return;
        }
        JsonIo.send(exchange, 201, g -> {
            g.writeStartObject();
            g.writeStringField("token", token.secret());
            g.writeEndObject();
        });
    }

    /** Queues a fault for a coming create: the token is created, then the answer goes wrong as {@code fault} says. */
    void failCreateAfterApplying(SimulatedCluster.CreateFault fault) {
        createFaults.add(fault);
    }

    private static void answerAfterCreate(HttpExchange exchange, SimulatedCluster.CreateFault fault)
            throws IOException {
        switch (fault) {
            case GATEWAY_TIMEOUT -> {
                byte[] page = "<html><body><h1>504 Gateway Time-out</h1></body></html>".getBytes();
                exchange.getResponseHeaders().set("Content-Type", "text/html");
                exchange.sendResponseHeaders(504, page.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(page);
                }
            }
            case UNREADABLE_SUCCESS -> {
                byte[] cut = "{\"tok".getBytes();
                exchange.getResponseHeaders().set("Content-Type", JsonIo.CONTENT_TYPE);
                exchange.sendResponseHeaders(201, cut.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(cut);
                }
            }
            // Closing the exchange before any response header closes the connection: the client sees it dropped.
            case CONNECTION_DROPPED -> {
            }
        }
    }

    private void metadata(HttpExchange exchange, String id) throws IOException {
        if (unreadableMetadata.contains(id)) {
            throw new ApiError(500, "Internal server error (simulated: this token's metadata cannot be read).");
        }
        SimulatedToken token = store.byId(id).orElseThrow(TokenApi::tokenNotFound);
        if (lostMetadata.contains(id)) {
            JsonIo.send(exchange, 200, g -> {
                g.writeStartObject();
                g.writeStringField("id", token.id());
                g.writeStringField("name", token.name());
                g.writeEndObject();
            });
        } else if (malformedMetadata.contains(id)) {
            JsonIo.send(exchange, 200, g -> {
                g.writeStartObject();
                g.writeStringField("id", token.id());
                g.writeNumberField("created", token.created().toEpochMilli());
                g.writeStringField("expires", "next week");
                g.writeEndObject();
            });
        } else {
            JsonIo.send(exchange, 200, g -> JsonIo.writeMetadata(g, token));
        }
    }

    private void lookup(HttpExchange exchange, IncomingRequest request) throws IOException {
        String secret = TokenBodies.lookup(jsonBody(request));
        SimulatedToken token = store.bySecret(secret).orElseThrow(TokenApi::tokenNotFound);
        JsonIo.send(exchange, 200, g -> JsonIo.writeMetadata(g, token));
    }

    private void update(HttpExchange exchange, IncomingRequest request, SimulatedToken caller, String id)
            throws IOException {
        TokenBodies.Update body = TokenBodies.update(jsonBody(request));
        if (store.byId(id).isEmpty()) {
            throw tokenNotFound();
        }
        if (id.equals(caller.id())) {
            throw new ApiError(400, "The token used for authentication cannot be updated.");
        }
        refuseIfAsked("PUT");
        store.update(id, body::applyTo).orElseThrow(TokenApi::tokenNotFound);
        failIfAsked("PUT");
        exchange.sendResponseHeaders(204, -1);
    }

    private void delete(HttpExchange exchange, SimulatedToken caller, String idOrSecret) throws IOException {
        SimulatedToken token = store.byId(idOrSecret).or(() -> store.bySecret(idOrSecret))
                .orElseThrow(TokenApi::tokenNotFound);
        if (token.id().equals(caller.id())) {
            throw new ApiError(400, "The token used for authentication cannot be deleted.");
        }
        refuseIfAsked("DELETE");
        if (!store.remove(token.id())) {
            throw tokenNotFound();
        }
        failIfAsked("DELETE");
        exchange.sendResponseHeaders(204, -1);
    }

    /** After {@code after} more requests of {@code method}, the next {@code times} are applied, then answered 504. */
    void failAfterApplying(String method, int after, int times) {
        faultsAfterApplying.put(method, new int[]{after, times});
    }

    /** Every metadata read of these token ids is answered 500, until cleared. */
    final java.util.Set<String> unreadableMetadata = java.util.concurrent.ConcurrentHashMap.newKeySet();
    final java.util.Set<String> lostMetadata = java.util.concurrent.ConcurrentHashMap.newKeySet();
    final java.util.Set<String> malformedMetadata = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** The next {@code times} requests of {@code method} are answered {@code status}, not applied. */
    void refuse(String method, int status, int times) {
        refusals.put(method, new int[]{status, times});
    }

    private void refuseIfAsked(String method) {
        int[] plan = refusals.get(method);
        if (plan == null) {
            return;
        }
        synchronized (plan) {
            if (plan[1] > 0) {
                plan[1]--;
                throw new ApiError(plan[0], plan[0] >= 500
                        ? "Service unavailable (simulated; nothing was changed)."
                        : "The request was refused (simulated; nothing was changed).");
            }
        }
    }

    private void failIfAsked(String method) {
        int[] plan = faultsAfterApplying.get(method);
        if (plan == null) {
            return;
        }
        synchronized (plan) {
            if (plan[0] > 0) {
                plan[0]--;
                return;
            }
            if (plan[1] > 0) {
                plan[1]--;
                throw new ApiError(504, "Gateway timeout (simulated after the change was applied).");
            }
        }
    }

    private static ObjectNode jsonBody(IncomingRequest request) {
        String contentType = request.header("content-type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ApiError(415, "Unsupported media type: send Content-Type: application/json.");
        }
        return JsonIo.parseObject(request.bodyText());
    }

    // The message never repeats the id: DELETE accepts a secret in its place, and 404 bodies end up in logs.
    private static ApiError tokenNotFound() {
        return ApiError.notFound("Token not found.");
    }

    private static ApiError methodNotAllowed(String allowed) {
        return new ApiError(405, "Method not allowed; allowed: " + allowed + ".", List.of(), Map.of("Allow", allowed));
    }

    private static void trySendError(HttpExchange exchange, ApiError error) {
        if (exchange.getResponseCode() != -1) {
            return; // headers already went out (a list stream broke): the client sees a truncated body instead
        }
        try {
            JsonIo.sendError(exchange, error);
        } catch (IOException e) {
            LOG.log(Level.FINE, "could not send error response", e);
        }
    }
}
