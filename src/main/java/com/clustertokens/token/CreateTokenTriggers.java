package com.clustertokens.token;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.clustertokens.cluster.ClusterConfig;
import com.clustertokens.lambda.InvocationBudget;
import com.clustertokens.lambda.PipelineFunction;
import com.clustertokens.lambda.PipelineSender;
import com.clustertokens.lambda.PipelineTriggers;
import com.clustertokens.lambda.RequestReader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * create-token's three triggers ({@link PipelineTriggers}): a direct request, an EventBridge event, an SQS batch.
 * Pipeline requests default their idempotency key to the event id or messageId and always store the secret in
 * Secrets Manager; each request's outcome is printed as a metric ({@link CreateTokenMetrics}).
 */
@ApplicationScoped
public class CreateTokenTriggers implements PipelineFunction<CreateTokenRequest, CreatedToken> {

    private final TokenService tokens;
    private final PipelineTriggers triggers;
    private final Duration perMessage;

    public CreateTokenTriggers(TokenService tokens, RequestReader reader, ObjectMapper mapper,
            InvocationBudget budget, ClusterConfig cluster, CreateTokenConfig config) {
        this.tokens = tokens;
        this.triggers = new PipelineTriggers(reader, mapper, budget);
        // The longest one request can take: its create on the cluster and the AWS calls around it. A message with less
        // time left is not started; infra/template.yaml sizes the batch and the Timeout so the first always is.
        this.perMessage = cluster.connectTimeout().plus(cluster.readTimeout()).plus(config.awsCallsTime());
    }

    /** The created token (direct, EventBridge) or the batch's failed messages (SQS). */
    public Object handle(JsonNode input) {
        return triggers.handle(input, this);
    }

    @Override
    public String name() {
        return "create-token";
    }

    @Override
    public Class<CreateTokenRequest> requestType() {
        return CreateTokenRequest.class;
    }

    @Override
    public CreatedToken run(CreateTokenRequest request, PipelineSender sender) {
        return tokens.create(request, sender == null
                ? Origin.direct()
                : new Origin(sender.trigger(), sender.id(), sender.source(), true));
    }

    @Override
    public Duration perMessage() {
        return perMessage;
    }

    @Override
    public String perMessageSettings() {
        return "DT_CONNECT_TIMEOUT + DT_READ_TIMEOUT + CREATE_TOKEN_AWS_CALLS_TIME";
    }

    @Override
    public String describe(CreatedToken created) {
        return "token " + created.identifier() + (Boolean.TRUE.equals(created.repeated()) ? " (created earlier)" : "")
                + ", secret " + created.secretArn();
    }

    @Override
    public void succeeded(CreatedToken created) {
        CreateTokenMetrics.print(CreateTokenMetrics.Outcome.of(created));
    }

    @Override
    public void failed(RuntimeException failure) {
        CreateTokenMetrics.print(CreateTokenMetrics.Outcome.of(failure));
    }

    @Override
    public boolean retried(RuntimeException failure) {
        return CreateTokenMetrics.Outcome.of(failure).retried();
    }
}
