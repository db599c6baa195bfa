package com.clustertokens.cluster;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

import com.clustertokens.error.Quoted;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;

/** The API's Duration object: how long a new token lives; {@code unit} absent means milliseconds. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExpiresIn(Long value, Unit unit) {

    /**
     * When a token created at {@code sent} with this lifetime expires: the cluster counts from when it received the
     * create, a moment later, so the token lives at least until then.
     */
    public Instant from(Instant sent) {
        ChronoUnit chrono = switch (unit == null ? Unit.MILLIS : unit) {
            case DAYS -> ChronoUnit.DAYS;
            case HOURS -> ChronoUnit.HOURS;
            case MINUTES -> ChronoUnit.MINUTES;
            case SECONDS -> ChronoUnit.SECONDS;
            case MILLIS -> ChronoUnit.MILLIS;
        };
        return sent.plus(Duration.of(value, chrono));
    }

    /** Units of {@code expiresIn.unit}; the API reads a missing unit as milliseconds. */
    public enum Unit {
        DAYS, HOURS, MILLIS, MINUTES, SECONDS;

        @JsonCreator
        public static Unit of(String wireName) {
            return Arrays.stream(values()).filter(u -> u.name().equals(wireName)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            Quoted.of(wireName) + " is not a unit; use one of DAYS, HOURS, MILLIS, MINUTES, SECONDS"));
        }
    }
}
