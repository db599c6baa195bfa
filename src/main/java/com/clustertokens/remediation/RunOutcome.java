package com.clustertokens.remediation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.clustertokens.error.Quoted;
import com.clustertokens.logging.EmbeddedMetrics;
import com.clustertokens.remediation.LedgerEntry.Action;
import com.clustertokens.security.Masked;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What one remediate-tokens run came to, small enough to travel through a fleet run to its summary; {@code failure}
 * is set only by the fleet run (the step failed as a whole). Its texts are written {@link Masked}, whoever built it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunOutcome(String run, @JsonInclude(JsonInclude.Include.NON_DEFAULT) Boolean applied,
        @Masked String notApplied, @JsonInclude(JsonInclude.Include.NON_DEFAULT) Integer revoked,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) Integer deleted,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) Integer failed,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) Integer unknown,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) Integer skipped,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) Integer notAttempted, @Masked List<String> problems,
        Failure failure) {

    /** A count or flag left out (as zero counts are when written) reads as zero or false. */
    public RunOutcome {
        applied = applied != null && applied;
        revoked = revoked == null ? 0 : revoked;
        deleted = deleted == null ? 0 : deleted;
        failed = failed == null ? 0 : failed;
        unknown = unknown == null ? 0 : unknown;
        skipped = skipped == null ? 0 : skipped;
        notAttempted = notAttempted == null ? 0 : notAttempted;
    }

    /** Problems named one by one; the run stops at the first, so more than one is rare. */
    static final int PROBLEMS_SHOWN = 3;
    /** Characters of one problem's or reason's text: it travels through a fleet run's payload limit. */
    static final int TEXT_SHOWN = 300;

    static final String METRICS_NAMESPACE = "ClusterTokenRemediation";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The remediate step's failure as the state machine's catch gives it: the error's type and its cause. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Failure(@JsonProperty("Error") String error, @JsonProperty("Cause") @Masked String cause) {
    }

    static RunOutcome of(String run, boolean applied, String notApplied, List<ActionOutcome> actions) {
        int[] counts = new int[6];
        List<String> problems = new ArrayList<>();
        for (ActionOutcome action : actions) {
            switch (action.outcome()) {
                case DONE -> counts[action.action() == Action.DELETE ? 1 : 0]++;
                case FAILED -> counts[2]++;
                case UNKNOWN -> counts[3]++;
                case SKIPPED -> counts[4]++;
                case NOT_ATTEMPTED -> counts[5]++;
            }
            if (action.stopsTheRun()) {
                problems.add(Quoted.text(action.action().wire() + " of " + action.id() + " (" + action.name() + "): "
                        + action.outcome().wire() + (action.note() == null ? "" : ", " + action.note()), TEXT_SHOWN));
            }
        }
        if (problems.size() > PROBLEMS_SHOWN) {
            int more = problems.size() - PROBLEMS_SHOWN;
            problems = new ArrayList<>(problems.subList(0, PROBLEMS_SHOWN));
            problems.add("…and " + more + " more");
        }
        return new RunOutcome(run, applied, notApplied == null ? null : Quoted.text(notApplied, TEXT_SHOWN),
                counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], problems.isEmpty()
                        ? null
                        : List.copyOf(problems),
                null);
    }

    /** Whether there is anything to tell: a run that took place, or one that failed. */
    @JsonIgnore
    public boolean happened() {
        return run != null || failure != null;
    }

    /**
     * A run that acted as one CloudWatch Embedded Metric Format line by cluster (its URL, as the hygiene metrics name
     * it); a plan prints none. The alarm on a failed action counts the lines
     * {@link RemediationService#FAILED_ACTION_MARKER} starts instead, across clusters.
     */
    public String metricsLine(String clusterUrl, long timestampMillis) {
        Map<String, Long> values = new LinkedHashMap<>();
        values.put("RevokedTokens", (long) revoked);
        values.put("DeletedTokens", (long) deleted);
        // Outcome failed: the cluster refused the action, nothing changed.
        values.put("RefusedActions", (long) failed);
        values.put("UnknownOutcomeActions", (long) unknown);
        values.put("SkippedActions", (long) skipped);
        values.put("NotAttemptedActions", (long) notAttempted);
        return EmbeddedMetrics.line(JSON, METRICS_NAMESPACE, Map.of("Cluster", clusterUrl), values, timestampMillis);
    }
}
