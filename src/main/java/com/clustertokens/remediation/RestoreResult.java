package com.clustertokens.remediation;

import java.time.Instant;

import com.clustertokens.security.Masked;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What restore-token did: {@code outcome} is restored (un-revoked now), alreadyRestored (an earlier restore
 * stands; nothing sent) or foundUnrevoked (someone un-revoked it already; recorded as restored). The token stays out
 * of remediation plans until {@code holdUntil}. {@code summary}: one chat line, with {@code format: text}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RestoreResult(String id, @Masked String name, @Masked String owner, String outcome, Instant holdUntil,
        String summary) {
}
