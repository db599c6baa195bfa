package com.clustertokens.fleet;

import com.clustertokens.lambda.Invocation;
import com.clustertokens.lambda.RequiresEnvironment;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.funqy.Funq;

/** Funqy entry point {@code fleet-summary}: the last step of the nightly fleet run, its index and summary. */
@Invocation
@RequiresEnvironment({"FLEET_REPORT_BUCKET", "HYGIENE_SNS_TOPIC_ARN", "HYGIENE_RUN_TABLE"})
public class FleetSummaryFunction {

    private final FleetService fleet;

    public FleetSummaryFunction(FleetService fleet) {
        this.fleet = fleet;
    }

    @Funq("fleet-summary")
    public FleetSummary fleetSummary(JsonNode input) {
        return fleet.summarize(input);
    }
}
