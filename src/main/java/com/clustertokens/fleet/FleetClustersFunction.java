package com.clustertokens.fleet;

import com.clustertokens.lambda.Invocation;
import com.clustertokens.lambda.RequiresEnvironment;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.funqy.Funq;

/** Funqy entry point {@code fleet-clusters}: the first step of the nightly fleet run, the clusters to report. */
@Invocation
@RequiresEnvironment({"DT_CLUSTERS_PARAMETER", "FLEET_MAP_CONCURRENCY"})
public class FleetClustersFunction {

    private final FleetService fleet;

    public FleetClustersFunction(FleetService fleet) {
        this.fleet = fleet;
    }

    @Funq("fleet-clusters")
    public FleetPlan fleetClusters(JsonNode input) {
        return fleet.plan(input);
    }
}
