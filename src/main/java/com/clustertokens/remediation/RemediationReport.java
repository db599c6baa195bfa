package com.clustertokens.remediation;

import java.time.Instant;
import java.util.List;

import com.clustertokens.security.Masked;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What remediate-tokens returns, and the stale-tokens report's {@code remediation} section; {@code outcome} is what a
 * fleet run carries to its summary (absent in a report's plan).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RemediationReport(Instant generatedAt, String clusterUrl, String run, String mode, boolean applied,
        String notApplied, Instant now, Instant revokeCutoff, RemediationPolicy policy, Plan plan,
        List<ActionOutcome> actions, @Masked List<String> notes, RunOutcome outcome, String summary) {

    RemediationReport withSummary(String text) {
        return new RemediationReport(generatedAt, clusterUrl, run, mode, applied, notApplied, now, revokeCutoff,
                policy, plan, actions, notes, outcome, text);
    }
}
