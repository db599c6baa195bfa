package com.clustertokens.remediation;

import com.clustertokens.lambda.Invocation;
import com.clustertokens.lambda.RequiresEnvironment;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.funqy.Funq;

/** Funqy entry point {@code remediate-tokens}: acts only where REMEDIATION_MODE is apply and the request says so. */
@Invocation
@RequiresEnvironment({"DT_CLUSTER_URL", "DT_API_TOKEN_SECRET_ARN", "REMEDIATION_LEDGER_TABLE", "REMEDIATION_MODE"})
public class RemediateTokensFunction {

    private final RemediationService remediation;

    public RemediateTokensFunction(RemediationService remediation) {
        this.remediation = remediation;
    }

    @Funq("remediate-tokens")
    public RemediationReport remediateTokens(JsonNode input) {
        return remediation.run(input);
    }
}
