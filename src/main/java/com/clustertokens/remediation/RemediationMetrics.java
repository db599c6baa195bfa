package com.clustertokens.remediation;

import java.util.LinkedHashMap;
import java.util.Map;

import com.clustertokens.logging.EmbeddedMetrics;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a remediation run that acted did, as one CloudWatch Embedded Metric Format line by cluster (its URL, as the
 * hygiene metrics name it). A run that only planned prints none: it changed nothing. The template's alarm on a failed
 * action counts the log lines {@link RemediationService#FAILED_ACTION_MARKER} starts instead, across clusters.
 */
public final class RemediationMetrics {

    static final String NAMESPACE = "ClusterTokenRemediation";

    private static final ObjectMapper JSON = new ObjectMapper();

    private RemediationMetrics() {
    }

    public static String line(String clusterUrl, RunOutcome outcome, long timestampMillis) {
        Map<String, Long> values = new LinkedHashMap<>();
        values.put("RevokedTokens", (long) outcome.revoked());
        values.put("DeletedTokens", (long) outcome.deleted());
        // Outcome failed: the cluster refused the action, nothing changed.
        values.put("RefusedActions", (long) outcome.failed());
        values.put("UnknownOutcomeActions", (long) outcome.unknown());
        values.put("SkippedActions", (long) outcome.skipped());
        values.put("NotAttemptedActions", (long) outcome.notAttempted());
        return EmbeddedMetrics.line(JSON, NAMESPACE, Map.of("Cluster", clusterUrl), values, timestampMillis);
    }
}
