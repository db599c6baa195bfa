package com.clustertokens.fleet;

import com.clustertokens.error.Quoted;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Why a cluster's step failed, in one line a person reads: Lambda's error message, never a stack trace. */
final class FleetErrors {

    private static final int SHOWN = 400;

    private FleetErrors() {
    }

    /**
     * The failure's text: the {@code errorMessage} inside a Lambda error's JSON {@code Cause}, or the text as given;
     * masked, and cut to a line's length.
     */
    static String describe(ClusterOutcome outcome, ObjectMapper mapper) {
        return describe(outcome.errorType(), outcome.error(), mapper);
    }

    /** As {@link #describe(ClusterOutcome, ObjectMapper)}, for any caught step's {@code errorType} and {@code cause}. */
    static String describe(String errorType, String cause, ObjectMapper mapper) {
        String text = cause;
        if (cause != null && cause.strip().startsWith("{")) {
            try {
                JsonNode parsed = mapper.readTree(cause);
                if (parsed.hasNonNull("errorMessage")) {
                    text = parsed.get("errorMessage").asText();
                }
            } catch (java.io.IOException e) {
                text = cause;
            }
        }
        if (text == null || text.isBlank()) {
            text = errorType == null ? "no reason given" : errorType;
        }
        return Quoted.text(text, SHOWN);
    }
}
