package com.clustertokens.cluster;

import java.util.Arrays;

import com.clustertokens.error.Quoted;

import com.fasterxml.jackson.annotation.JsonCreator;

/** Units of {@code expiresIn.unit}; the API reads a missing unit as milliseconds. */
public enum ExpiryUnit {
    DAYS, HOURS, MILLIS, MINUTES, SECONDS;

    @JsonCreator
    public static ExpiryUnit of(String wireName) {
        return Arrays.stream(values()).filter(u -> u.name().equals(wireName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        Quoted.of(wireName) + " is not a unit; use one of DAYS, HOURS, MILLIS, MINUTES, SECONDS"));
    }
}
