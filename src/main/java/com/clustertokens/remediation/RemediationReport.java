package com.clustertokens.remediation;

import java.time.Instant;
import java.util.List;

import com.clustertokens.security.Masked;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What remediate-tokens returns (and what the stale-tokens report carries as its {@code remediation} section):
 * the run, whether it acted ({@code applied}; if it was asked to and did not, {@code notApplied} says why), the
 * {@code policy}, the revoke cutoff, the {@code plan}, what became of each action, notes, the run's
 * {@code outcome} in counts (what a fleet run carries to its summary; absent in a report's plan), and the chat summary.
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
