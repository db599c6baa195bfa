package com.clustertokens.rotation;

import com.clustertokens.lambda.Invocation;
import com.clustertokens.lambda.RequiresEnvironment;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.funqy.Funq;

/**
 * Funqy entry point {@code rotate-secret}: Secrets Manager's rotation function for the secrets create-token stores,
 * called once per step ({@code Step}, {@code SecretId}, {@code ClientRequestToken}).
 */
@Invocation
@RequiresEnvironment({"DT_CLUSTER_URL", "DT_API_TOKEN_SECRET_ARN", "CREATE_TOKEN_IDEMPOTENCY_TABLE",
        "CREATE_TOKEN_SECRET_PREFIX", "REMEDIATION_LEDGER_TABLE"})
public class SecretRotationFunction {

    private final SecretRotationService rotation;

    public SecretRotationFunction(SecretRotationService rotation) {
        this.rotation = rotation;
    }

    @Funq("rotate-secret")
    public SecretRotationResult rotateSecret(JsonNode input) {
        return rotation.rotate(input);
    }
}
