package com.clustertokens.rotation;

import com.clustertokens.lambda.Invocation;
import com.clustertokens.lambda.RequiresEnvironment;
import com.clustertokens.remediation.RotationFollowUps;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.funqy.Funq;

/**
 * Funqy entry point {@code rotation-follow-up}: the revokes and deletes rotations left due on one cluster, from a
 * token's one-time schedule ({@code {"cluster","token"}}) or the nightly run ({@code {"cluster"}}).
 */
@Invocation
@RequiresEnvironment({"DT_CLUSTER_URL", "DT_API_TOKEN_SECRET_ARN", "REMEDIATION_LEDGER_TABLE"})
public class RotationFollowUpFunction {

    private final FollowUpService followUps;

    public RotationFollowUpFunction(FollowUpService followUps) {
        this.followUps = followUps;
    }

    @Funq("rotation-follow-up")
    public RotationFollowUps.Result rotationFollowUp(JsonNode input) {
        return followUps.run(input);
    }
}
