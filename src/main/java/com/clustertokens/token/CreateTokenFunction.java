package com.clustertokens.token;

import com.clustertokens.lambda.Invocation;
import com.clustertokens.lambda.RequiresEnvironment;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.funqy.Funq;

/**
 * Funqy entry point {@code create-token}: a direct request (the API's CreateToken body plus idempotencyKey,
 * requester, delivery, format), an EventBridge event with the request in its detail, or an SQS batch.
 */
@Invocation
@RequiresEnvironment({"DT_CLUSTER_URL", "DT_API_TOKEN_SECRET_ARN"})
public class CreateTokenFunction {

    private final CreateTokenTriggers triggers;

    public CreateTokenFunction(CreateTokenTriggers triggers) {
        this.triggers = triggers;
    }

    /** The created token (direct, EventBridge) or, for an SQS batch, its failed messages ({@code SQSBatchResponse}). */
    @Funq("create-token")
    public Object createToken(JsonNode input) {
        return triggers.handle(input);
    }
}
