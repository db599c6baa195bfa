package com.clustertokens.fleet;

import java.util.List;

import com.clustertokens.lambda.Timestamp;

/**
 * Input of fleet-summary: the run's {@code scheduledTime} (its identity: a retry of the step delivers only to the sinks
 * still waiting) and the per-cluster {@code results}, reported or failed, as the state machine's map collected them;
 * both required, and checked by {@link FleetRequests#summary}.
 */
public record FleetSummaryRequest(Timestamp scheduledTime, List<ClusterOutcome> results) {
}
