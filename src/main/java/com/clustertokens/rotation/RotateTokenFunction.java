package com.clustertokens.rotation;

import com.clustertokens.lambda.Invocation;
import com.clustertokens.lambda.RequiresEnvironment;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.funqy.Funq;

/**
 * Funqy entry point {@code rotate-token}: replaces a token by id and hands the old one to its follow-up; a direct
 * request, an EventBridge event with the request in its detail, or an SQS batch.
 */
@Invocation
@RequiresEnvironment({"DT_CLUSTER_URL", "DT_API_TOKEN_SECRET_ARN", "REMEDIATION_LEDGER_TABLE",
        "CREATE_TOKEN_IDEMPOTENCY_TABLE"})
public class RotateTokenFunction {

    private final RotateTokenTriggers triggers;

    public RotateTokenFunction(RotateTokenTriggers triggers) {
        this.triggers = triggers;
    }

    /** The rotation (direct, EventBridge) or, for an SQS batch, its failed messages ({@code SQSBatchResponse}). */
    @Funq("rotate-token")
    public Object rotateToken(JsonNode input) {
        return triggers.handle(input);
    }
}
