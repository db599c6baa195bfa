package com.clustertokens.fleet;

import java.time.Instant;
import java.util.List;

import com.clustertokens.lambda.Timestamp;

/** What fleet-clusters returns to the state machine; {@code remediate}: REMEDIATION_MODE is apply. */
public record FleetPlan(Instant scheduledTime, List<String> clusters, int maxConcurrency, boolean remediate) {

    /** Input of fleet-clusters: the schedule's time, optional (a manual start runs as of now). */
    public record Request(Timestamp scheduledTime) {
    }
}
