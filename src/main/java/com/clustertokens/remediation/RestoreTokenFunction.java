package com.clustertokens.remediation;

import com.clustertokens.lambda.Invocation;
import com.clustertokens.lambda.RequiresEnvironment;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.funqy.Funq;

/** Funqy entry point {@code restore-token}: un-revokes a token remediation revoked, by id ({@code token}). */
@Invocation
@RequiresEnvironment({"DT_CLUSTER_URL", "DT_API_TOKEN_SECRET_ARN", "REMEDIATION_LEDGER_TABLE"})
public class RestoreTokenFunction {

    private final RestoreService restore;

    public RestoreTokenFunction(RestoreService restore) {
        this.restore = restore;
    }

    @Funq("restore-token")
    public RestoreResult restoreToken(JsonNode input) {
        return restore.restore(input);
    }
}
