package com.clustertokens.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

/** JSON in and out of exchanges: strict body parsing, small fixed-length documents and the ErrorEnvelope. */
final class JsonIo {

    static final String CONTENT_TYPE = "application/json; charset=utf-8";

    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    static final JsonFactory FACTORY = MAPPER.getFactory();

    /** Writes one JSON document through a generator. */
    @FunctionalInterface
    interface Writer {
        void write(JsonGenerator generator) throws IOException;
    }

    private JsonIo() {
    }

    /** The body as a JSON object; the error message never quotes the body, which may hold a secret. */
    static ObjectNode parseObject(String body) {
        if (body == null || body.isBlank()) {
            throw new ApiError(400, "The request body is missing.");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null
                    ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new ApiError(400, "Could not parse the JSON request body" + where + ".");
        }
        if (!(node instanceof ObjectNode object)) {
            throw new ApiError(400, "The JSON request body must be an object.");
        }
        return object;
    }

    static void send(HttpExchange exchange, int status, Writer writer) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = FACTORY.createGenerator(buffer)) {
            writer.write(generator);
        }
        byte[] bytes = buffer.toByteArray();
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static void sendError(HttpExchange exchange, ApiError error) throws IOException {
        for (Map.Entry<String, String> header : error.headers().entrySet()) {
            exchange.getResponseHeaders().set(header.getKey(), header.getValue());
        }
        send(exchange, error.status(), g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("error");
            g.writeNumberField("code", error.status());
            g.writeStringField("message", error.getMessage());
            if (!error.violations().isEmpty()) {
                g.writeArrayFieldStart("constraintViolations");
                for (ApiError.Violation v : error.violations()) {
                    g.writeStartObject();
                    g.writeStringField("path", v.path());
                    g.writeStringField("message", v.message());
                    g.writeStringField("parameterLocation", v.parameterLocation());
                    g.writeNullField("location");
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    static void writeMetadata(JsonGenerator g, SimulatedToken token) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", token.id());
        g.writeStringField("name", token.name());
        g.writeStringField("userId", token.userId());
        g.writeBooleanField("revoked", token.revoked());
        g.writeNumberField("created", token.created().toEpochMilli());
        if (token.expires() != null) {
            g.writeNumberField("expires", token.expires().toEpochMilli());
        }
        if (token.lastUse() != null) {
            g.writeNumberField("lastUse", token.lastUse().toEpochMilli());
        }
        g.writeArrayFieldStart("scopes");
        for (String scope : token.scopes()) {
            g.writeString(scope);
        }
        g.writeEndArray();
        g.writeBooleanField("personalAccessToken", token.personalAccessToken());
        g.writeEndObject();
    }
}
