package com.clustertokens.fleet;

import java.time.Instant;
import java.util.List;

import com.clustertokens.lambda.Timestamp;

/**
 * What fleet-clusters returns to the state machine: the run's {@code scheduledTime}, the registered
 * {@code clusters} it maps over, how many it reports at once ({@code maxConcurrency}), and whether each cluster's
 * stale tokens are remediated before its report ({@code remediate}: REMEDIATION_MODE is apply).
 */
public record FleetPlan(Instant scheduledTime, List<String> clusters, int maxConcurrency, boolean remediate) {

    /** Input of fleet-clusters: the schedule's time, optional (a manual start runs as of now). */
    public record Request(Timestamp scheduledTime) {
    }
}
