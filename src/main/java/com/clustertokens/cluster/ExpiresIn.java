package com.clustertokens.cluster;

import java.time.Duration;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The API's Duration object: how long a new token lives; {@code unit} absent means milliseconds. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExpiresIn(Long value, ExpiryUnit unit) {

    /** The unit the cluster applies: the given one, else MILLIS as the API documents. */
    public ExpiryUnit effectiveUnit() {
        return unit == null ? ExpiryUnit.MILLIS : unit;
    }

    public Duration toDuration() {
        return Duration.of(value, effectiveUnit().chronoUnit());
    }
}
