package com.clustertokens.lambda;

import java.util.Arrays;

import com.clustertokens.error.Quoted;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The {@code format} input field every function takes: {@code json} (the default) returns the JSON result;
 * {@code text} adds a short {@code summary} string beside it, for a chat channel. A summary never holds a secret.
 */
public enum OutputFormat {
    JSON("json"), TEXT("text");

    private final String wireName;

    OutputFormat(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Whether the result carries a summary for {@code format} (absent means json). */
    public static boolean wantsSummary(OutputFormat format) {
        return format == TEXT;
    }

    @JsonCreator
    public static OutputFormat of(String wireName) {
        return Arrays.stream(values()).filter(f -> f.wireName.equals(wireName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(Quoted.of(wireName) + " is not a format; use json or "
                        + "text"));
    }
}
