package com.clustertokens.hygiene;

import com.clustertokens.hygiene.report.HygieneReport;
import com.clustertokens.lambda.Invocation;
import com.clustertokens.lambda.RequiresEnvironment;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.funqy.Funq;

/** Funqy entry point {@code stale-tokens}: a request, a ScheduleV2 fixed input of that shape, or a Scheduled Event. */
@Invocation
@RequiresEnvironment({"DT_CLUSTER_URL", "DT_API_TOKEN_SECRET_ARN"})
public class StaleTokensFunction {

    private final HygieneService hygiene;

    public StaleTokensFunction(HygieneService hygiene) {
        this.hygiene = hygiene;
    }

    @Funq("stale-tokens")
    public HygieneReport staleTokens(JsonNode input) {
        return hygiene.run(input);
    }
}
