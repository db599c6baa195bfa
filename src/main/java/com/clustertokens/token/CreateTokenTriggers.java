package com.clustertokens.token;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.clustertokens.cluster.ClusterConfig;
import com.clustertokens.error.InvalidInputException;
import com.clustertokens.error.Quoted;
import com.clustertokens.lambda.EventBridgeEvent;
import com.clustertokens.lambda.InvocationBudget;
import com.clustertokens.lambda.RequestReader;
import com.clustertokens.lambda.SqsBatch;
import com.clustertokens.security.Secrets;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse.BatchItemFailure;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Tells create-token's three triggers apart and runs each: a direct request; an EventBridge event (the request in
 * {@code detail}); an SQS batch (each message's body a request), where every message succeeds or fails on its own
 * and the failed ones are returned as {@code batchItemFailures}. Pipeline requests default their idempotency key to
 * the event id or messageId and always store the secret in Secrets Manager.
 */
@ApplicationScoped
public class CreateTokenTriggers {

    private static final Logger LOG = Logger.getLogger(CreateTokenTriggers.class);

    private final TokenService tokens;
    private final RequestReader reader;
    private final ObjectMapper mapper;
    private final InvocationBudget budget;
    private final Duration perMessage;

    public CreateTokenTriggers(TokenService tokens, RequestReader reader, ObjectMapper mapper,
            InvocationBudget budget, ClusterConfig cluster, CreateTokenConfig config) {
        this.tokens = tokens;
        this.reader = reader;
        this.mapper = mapper;
        this.budget = budget;
        // The longest one request can take: its create on the cluster and the AWS calls around it. A message with less
        // time left is not started; infra/template.yaml sizes the batch and the Timeout so the first always is.
        this.perMessage = cluster.connectTimeout().plus(cluster.readTimeout()).plus(config.awsCallsTime());
    }

    /**
     * The created token (direct, EventBridge) or the batch's failed messages (SQS); each request's outcome printed as
     * a metric ({@link CreateTokenMetrics}), a batch refused as a whole as one.
     */
    public Object handle(JsonNode input) {
        try {
            Object result = route(input);
            if (result instanceof CreatedToken created) {
                CreateTokenMetrics.print(CreateTokenMetrics.Outcome.of(created));
            }
            return result;
        } catch (RuntimeException e) {
            CreateTokenMetrics.print(CreateTokenMetrics.Outcome.of(e));
            throw e;
        }
    }

    private Object route(JsonNode input) {
        if (SqsBatch.is(input)) {
            return sqsBatch(SqsBatch.messages(input));
        }
        if (EventBridgeEvent.isEnvelope(input)) {
            return eventBridge(reader.read(input, EventBridgeEvent.class));
        }
        return tokens.create(reader.read(input, CreateTokenRequest.class), Origin.direct());
    }

    private CreatedToken eventBridge(EventBridgeEvent event) {
        List<String> problems = new ArrayList<>();
        if (event.id() == null || event.id().isBlank()) {
            problems.add("id: is required (the event id is the request's default idempotency key)");
        }
        if (event.detail() == null || !event.detail().isObject()) {
            problems.add("detail: is required, the create-token request as a JSON object");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return tokens.create(read(event.detail(), "detail"), new Origin("EventBridge event " + Quoted.bare(event
                .id()) + " from " + Quoted.bare(event.source()), event.id(), event.source(), true));
    }

    private SQSBatchResponse sqsBatch(List<SQSEvent.SQSMessage> records) {
        // Without a messageId a failure could not be reported, and SQS would re-run the whole batch: refuse it first.
        List<String> problems = IntStream.range(0, records.size()).filter(i -> records.get(i) == null
                || records.get(i).getMessageId() == null || records.get(i).getMessageId().isBlank())
                .mapToObj(i -> "Records[" + i + "].messageId: is required").toList();
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        List<BatchItemFailure> failures = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            SQSEvent.SQSMessage message = records.get(i);
            if (budget.deadline().leavesLessThan(perMessage)) {
                // Started now, a create could be cut off by Lambda after it reached the cluster; left alone, the
                // messages simply come back from SQS.
                records.subList(i, records.size()).forEach(m -> failures.add(new BatchItemFailure(m.getMessageId())));
                LOG.warnf("%d of %d SQS messages not started, reported in batchItemFailures for SQS to deliver again: "
                        + "less than DT_CONNECT_TIMEOUT + DT_READ_TIMEOUT + CREATE_TOKEN_AWS_CALLS_TIME (%d ms) was "
                        + "left before the invocation deadline", records.size() - i, records.size(), perMessage
                                .toMillis());
                break;
            }
            try {
                CreatedToken created = sqsMessage(message);
                CreateTokenMetrics.print(CreateTokenMetrics.Outcome.of(created));
                LOG.infof("SQS message %s: token %s%s, secret %s", Quoted.bare(message.getMessageId()),
                        created.identifier(), Boolean.TRUE.equals(created.repeated()) ? " (created earlier)" : "",
                        created.secretArn());
            } catch (RuntimeException e) {
                CreateTokenMetrics.Outcome outcome = CreateTokenMetrics.Outcome.of(e);
                CreateTokenMetrics.print(outcome);
                failures.add(new BatchItemFailure(message.getMessageId()));
                LOG.warnf("SQS message %s failed, reported in batchItemFailures (%s): %s",
                        Quoted.bare(message.getMessageId()), outcome.retried()
                                ? "transient: SQS retries it"
                                : "retries end in the dead-letter queue", Secrets.redact(String.valueOf(
                                        CreateTokenMetrics.cause(e))));
            }
        }
        return new SQSBatchResponse(failures);
    }

    private CreatedToken sqsMessage(SQSEvent.SQSMessage message) {
        if (!SqsBatch.SOURCE.equals(message.getEventSource())) {
            throw new InvalidInputException("eventSource: expected '" + SqsBatch.SOURCE + "', got "
                    + Quoted.of(message.getEventSource()));
        }
        if (message.getBody() == null) {
            throw new InvalidInputException("body: is required, the create-token request as JSON text");
        }
        JsonNode request;
        try {
            request = mapper.readTree(message.getBody());
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("body: is not JSON (at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        }
        return tokens.create(read(request, "body"), new Origin("SQS message " + Quoted.bare(message
                .getMessageId()), message.getMessageId(), message.getEventSourceArn(), true));
    }

    /** The request inside an event, its problems named as fields inside {@code field}. */
    private CreateTokenRequest read(JsonNode request, String field) {
        try {
            return reader.read(request, CreateTokenRequest.class);
        } catch (InvalidInputException e) {
            throw e.under(field);
        }
    }
}
