package com.clustertokens.local;

import java.time.Instant;

import com.clustertokens.fleet.FleetRun;
import com.clustertokens.fleet.FleetSummary;
import com.clustertokens.lambda.RequestReader;
import com.clustertokens.lambda.Timestamp;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.funqy.Funq;

/**
 * Local runs only: {@code fleet-run} runs the nightly fleet flow in this process, the same steps the state machine
 * calls on AWS (each cluster's report, then the summary), reports written to FLEET_REPORT_FOLDER.
 */
public class LocalFleetRunFunction {

    /** Input: the run's scheduled time, optional (now). */
    public record Request(Timestamp scheduledTime) {
    }

    private final FleetRun fleet;
    private final RequestReader reader;

    public LocalFleetRunFunction(FleetRun fleet, RequestReader reader) {
        this.fleet = fleet;
        this.reader = reader;
    }

    @Funq("fleet-run")
    public FleetSummary fleetRun(JsonNode input) {
        Request request = input == null || input.isNull() ? new Request(null) : reader.read(input, Request.class);
        return fleet.run(request.scheduledTime() == null ? Instant.now() : request.scheduledTime().toInstant());
    }
}
