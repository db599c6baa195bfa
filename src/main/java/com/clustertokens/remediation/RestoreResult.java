package com.clustertokens.remediation;

import java.time.Instant;

import com.clustertokens.error.WireName;
import com.clustertokens.security.Masked;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What restore-token did; the token stays out of remediation plans until {@code holdUntil}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RestoreResult(String id, @Masked String name, @Masked String owner, Outcome outcome, Instant holdUntil,
        String summary) {

    public enum Outcome implements WireName {
        /** Un-revoked now. */
        RESTORED,
        /** An earlier restore stands; nothing sent. */
        ALREADY_RESTORED,
        /** Someone un-revoked it already; recorded as restored. */
        FOUND_UNREVOKED
    }
}
