package com.clustertokens.rotation;

import com.clustertokens.lambda.Invocation;
import com.clustertokens.lambda.RequestReader;
import com.clustertokens.lambda.RequiresEnvironment;
import com.clustertokens.token.Origin;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.funqy.Funq;

/** Funqy entry point {@code rotate-token}: replaces a token by id and hands the old one to its follow-up. */
@Invocation
@RequiresEnvironment({"DT_CLUSTER_URL", "DT_API_TOKEN_SECRET_ARN", "REMEDIATION_LEDGER_TABLE",
        "CREATE_TOKEN_IDEMPOTENCY_TABLE"})
public class RotateTokenFunction {

    private final RotationService rotation;
    private final RequestReader reader;

    public RotateTokenFunction(RotationService rotation, RequestReader reader) {
        this.rotation = rotation;
        this.reader = reader;
    }

    @Funq("rotate-token")
    public RotationResult rotateToken(JsonNode input) {
        return rotation.rotate(reader.read(input, RotateTokenRequest.class), Origin.direct());
    }
}
