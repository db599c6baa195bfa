package com.clustertokens.lambda;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.clustertokens.error.Quoted;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;

/** A point in time given as epoch milliseconds (as the API takes it) or as an ISO-8601 instant. */
public record Timestamp(long epochMillis) {

    /** Reads {@code 1754006400000} or {@code "2026-08-01T00:00:00Z"}; anything else is rejected with the rule. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Timestamp of(JsonNode node) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return ofMillis(node.longValue());
        }
        if (node.isTextual()) {
            String text = node.textValue().strip();
            if (text.matches("\\d{1,15}")) {
                return ofMillis(Long.parseLong(text));
            }
            try {
                return new Timestamp(Instant.parse(text).toEpochMilli());
            } catch (DateTimeParseException | ArithmeticException e) {
                throw new IllegalArgumentException(describe(node));
            }
        }
        throw new IllegalArgumentException(describe(node));
    }

    private static Timestamp ofMillis(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("must not be before 1970-01-01T00:00:00Z");
        }
        return new Timestamp(millis);
    }

    private static String describe(JsonNode node) {
        String shown = node.isTextual() ? Quoted.of(node.textValue()) : Quoted.text(node.toString(), 40);
        return shown + " is neither epoch milliseconds nor an ISO-8601 instant such as 2026-08-01T00:00:00Z";
    }

    public Instant toInstant() {
        return Instant.ofEpochMilli(epochMillis);
    }

    @JsonValue
    public long json() {
        return epochMillis;
    }
}
