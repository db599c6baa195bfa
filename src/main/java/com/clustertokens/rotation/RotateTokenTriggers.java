package com.clustertokens.rotation;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.clustertokens.cluster.ClusterConfig;
import com.clustertokens.lambda.InvocationBudget;
import com.clustertokens.lambda.PipelineFunction;
import com.clustertokens.lambda.PipelineSender;
import com.clustertokens.lambda.PipelineTriggers;
import com.clustertokens.lambda.RequestReader;
import com.clustertokens.token.CreateTokenConfig;
import com.clustertokens.token.Origin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * rotate-token's three triggers ({@link PipelineTriggers}): a direct request, an EventBridge event, an SQS batch. A
 * pipeline's replacement is always stored in Secrets Manager. Its idempotency key is never the event id or messageId
 * but the one derived from the cluster and the old token, so that a redelivery, or the same rotation sent twice, is
 * one rotation.
 */
@ApplicationScoped
public class RotateTokenTriggers implements PipelineFunction<RotateTokenRequest, RotationResult> {

    private final RotationService rotation;
    private final PipelineTriggers triggers;
    private final Duration perMessage;

    public RotateTokenTriggers(RotationService rotation, RequestReader reader, ObjectMapper mapper,
            InvocationBudget budget, ClusterConfig cluster, CreateTokenConfig create, RotationConfig config) {
        this.rotation = rotation;
        this.triggers = new PipelineTriggers(reader, mapper, budget);
        // Two cluster reads before the create (the old token, this function's own token), the create with its AWS
        // calls as create-token reserves them, then the hand-off.
        Duration call = cluster.connectTimeout().plus(cluster.readTimeout());
        this.perMessage = call.multipliedBy(3).plus(create.awsCallsTime()).plus(config.handoffTime());
    }

    /** The rotation (direct, EventBridge) or the batch's failed messages (SQS). */
    public Object handle(JsonNode input) {
        return triggers.handle(input, this);
    }

    @Override
    public String name() {
        return "rotate-token";
    }

    @Override
    public Class<RotateTokenRequest> requestType() {
        return RotateTokenRequest.class;
    }

    @Override
    public RotationResult run(RotateTokenRequest request, PipelineSender sender) {
        return rotation.rotate(request, sender == null
                ? Origin.direct()
                : new Origin(sender.trigger(), null, sender.source(), true));
    }

    @Override
    public Duration perMessage() {
        return perMessage;
    }

    @Override
    public String perMessageSettings() {
        return "3 x (DT_CONNECT_TIMEOUT + DT_READ_TIMEOUT) + CREATE_TOKEN_AWS_CALLS_TIME + ROTATION_HANDOFF_TIME";
    }

    @Override
    public String describe(RotationResult result) {
        return "token " + result.oldId() + (Boolean.TRUE.equals(result.repeated()) ? " rotated earlier" : " rotated")
                + ", replacement " + result.newId() + (result.secretArn() == null
                        ? ""
                        : ", secret "
                                + result.secretArn()) + ", old one revoked at " + result.revokeDue();
    }
}
