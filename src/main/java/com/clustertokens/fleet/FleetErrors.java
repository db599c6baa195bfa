package com.clustertokens.fleet;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.clustertokens.error.Quoted;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Why a cluster's step failed, in one line a person reads: Lambda's error message, never a stack trace. */
final class FleetErrors {

    /**
     * The most of a reason a failure line shows: 500 clusters failing at once, each line in the summary's lines and
     * in its text, stay under Step Functions' 256 KB for fleet-summary's result.
     */
    static final int SHOWN = 120;

    /** The most of an error's name a result carries, as the state machine's Failed state keeps it. */
    static final int ERROR_TYPE_SHOWN = 64;

    /** The start of Lambda's JSON error, whose message the state machine may have cut (its Failed state). */
    private static final Pattern LAMBDA_ERROR = Pattern.compile("^\\{\\s*\"errorMessage\"\\s*:\\s*\"");

    private FleetErrors() {
    }

    /** The {@code errorMessage} inside a Lambda error's JSON {@code Cause}, whole or cut, else the text as given. */
    static String describe(String errorType, String cause, ObjectMapper mapper) {
        String text = cause == null ? null : message(cause.strip(), mapper);
        if (text == null || text.isBlank()) {
            text = errorType == null || errorType.isBlank() ? "no reason given" : errorType;
        }
        return Quoted.text(text, SHOWN);
    }

    static String errorType(String errorType) {
        return errorType == null ? null : Quoted.text(errorType, ERROR_TYPE_SHOWN);
    }

    private static String message(String cause, ObjectMapper mapper) {
        if (!cause.startsWith("{")) {
            return cause;
        }
        try {
            JsonNode parsed = mapper.readTree(cause);
            return parsed.hasNonNull("errorMessage") ? parsed.get("errorMessage").asText() : cause;
        } catch (IOException e) {
            Matcher start = LAMBDA_ERROR.matcher(cause);
            return start.find() ? cutString(cause, start.end(), mapper) : cause;
        }
    }

    /**
     * The JSON string at {@code from}, decoded up to its closing quote or, where the text was cut before it, up to
     * the cut (an escape the cut split is dropped) and marked with {@code …}: Jackson reads it closed at the cut.
     */
    private static String cutString(String json, int from, ObjectMapper mapper) {
        for (int end = json.length(); end >= Math.max(from, json.length() - 6); end--) {
            String closed = "\"" + json.substring(from, end) + "\"";
            try (JsonParser parser = mapper.createParser(closed)) {
                parser.nextToken();
                String text = parser.getText();
                return parser.currentLocation().getCharOffset() < closed.length() ? text : text + "…";
            } catch (IOException e) {
                // the cut split an escape: drop one more character
            }
        }
        return json.substring(from) + "…";
    }
}
