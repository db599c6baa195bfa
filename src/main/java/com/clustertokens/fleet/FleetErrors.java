package com.clustertokens.fleet;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.clustertokens.error.Quoted;

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

    /**
     * The failure's text: the {@code errorMessage} inside a Lambda error's JSON {@code Cause}, whole or cut, or the
     * text as given; masked, and cut to a line's length.
     */
    static String describe(ClusterOutcome outcome, ObjectMapper mapper) {
        return describe(outcome.errorType(), outcome.error(), mapper);
    }

    /**
     * As {@link #describe(ClusterOutcome, ObjectMapper)}, for any caught step's {@code errorType} and {@code cause}
     * (a cluster's report step, its remediate step).
     */
    static String describe(String errorType, String cause, ObjectMapper mapper) {
        String text = cause == null ? null : message(cause.strip(), mapper);
        if (text == null || text.isBlank()) {
            text = errorType == null || errorType.isBlank() ? "no reason given" : errorType;
        }
        return Quoted.text(text, SHOWN);
    }

    /** An error's name as a result carries it: masked and cut to {@link #ERROR_TYPE_SHOWN}; null stays null. */
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
        } catch (java.io.IOException e) {
            Matcher start = LAMBDA_ERROR.matcher(cause);
            return start.find() ? cutString(cause, start.end()) : cause;
        }
    }

    /**
     * The JSON string starting at {@code from}, decoded up to its closing quote or, where the text was cut before
     * it, up to the cut (an escape the cut split is dropped) and marked with {@code …}.
     */
    private static String cutString(String json, int from) {
        StringBuilder text = new StringBuilder();
        int i = from;
        while (i < json.length()) {
            char c = json.charAt(i);
            if (c == '"') {
                return text.toString();
            }
            if (c != '\\') {
                text.append(c);
                i++;
            } else if (i + 1 >= json.length()) {
                break;
            } else if (json.charAt(i + 1) == 'u') {
                if (i + 6 > json.length()) {
                    break;
                }
                try {
                    text.append((char) Integer.parseInt(json.substring(i + 2, i + 6), 16));
                } catch (NumberFormatException e) {
                    break;
                }
                i += 6;
            } else {
                char escaped = json.charAt(i + 1);
                text.append(switch (escaped) {
                    case 'n', 'r', 't', 'b', 'f' -> ' ';
                    default -> escaped;
                });
                i += 2;
            }
        }
        return text + "…";
    }
}
