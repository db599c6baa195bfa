package com.clustertokens.fleet;

import com.clustertokens.lambda.Invocation;
import com.clustertokens.lambda.RequiresEnvironment;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.funqy.Funq;

/** Funqy entry point {@code fleet-report}: one cluster's step of the nightly fleet run. */
@Invocation
@RequiresEnvironment({"DT_CLUSTERS_PARAMETER", "FLEET_REPORT_BUCKET"})
public class FleetReportFunction {

    private final FleetService fleet;

    public FleetReportFunction(FleetService fleet) {
        this.fleet = fleet;
    }

    @Funq("fleet-report")
    public ClusterOutcome fleetReport(JsonNode input) {
        return fleet.reportCluster(input);
    }
}
