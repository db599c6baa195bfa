package com.clustertokens.lambda;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.jboss.logging.Logger;

import com.clustertokens.error.InvalidInputException;
import com.clustertokens.error.Quoted;
import com.clustertokens.security.Secrets;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse.BatchItemFailure;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.funqy.runtime.ApplicationException;

/**
 * Tells a function's three triggers apart and runs each: a direct request; an EventBridge event (the request in
 * {@code detail}); an SQS batch (each message's body a request), where every message succeeds or fails on its own,
 * the failed ones returned as {@code batchItemFailures}, and the messages that could not finish before the deadline
 * are not started but returned as failed too. A request's problems are named under {@code detail} or {@code body}.
 */
public final class PipelineTriggers {

    private static final Logger LOG = Logger.getLogger(PipelineTriggers.class);

    private final RequestReader reader;
    private final ObjectMapper mapper;
    private final InvocationBudget budget;

    public PipelineTriggers(RequestReader reader, ObjectMapper mapper, InvocationBudget budget) {
        this.reader = reader;
        this.mapper = mapper;
        this.budget = budget;
    }

    /** The failure itself: Funqy wraps what a function throws in an ApplicationException. */
    public static Throwable cause(RuntimeException e) {
        return e instanceof ApplicationException && e.getCause() != null ? e.getCause() : e;
    }

    /**
     * The result (direct, EventBridge) or the batch's failed messages (SQS, an {@link SQSBatchResponse}); each
     * request's outcome passed to {@code function}, an event or batch refused as a whole as one failure.
     */
    public <Q, R> Object handle(JsonNode input, PipelineFunction<Q, R> function) {
        try {
            if (SqsBatch.is(input)) {
                return sqsBatch(SqsBatch.messages(input), function);
            }
            R result = EventBridgeEvent.isEnvelope(input)
                    ? eventBridge(reader.read(input, EventBridgeEvent.class), function)
                    : function.run(reader.read(input, function.requestType()), null);
            function.succeeded(result);
            return result;
        } catch (RuntimeException e) {
            function.failed(e);
            throw e;
        }
    }

    private <Q, R> R eventBridge(EventBridgeEvent event, PipelineFunction<Q, R> function) {
        List<String> problems = new ArrayList<>();
        if (event.id() == null || event.id().isBlank()) {
            problems.add("id: is required, as EventBridge gives every event one");
        }
        if (event.detail() == null || !event.detail().isObject()) {
            problems.add("detail: is required, the " + function.name() + " request as a JSON object");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return function.run(read(event.detail(), "detail", function), new PipelineSender("EventBridge event "
                + Quoted.bare(event.id()) + " from " + Quoted.bare(event.source()), event.id(), event.source()));
    }

    private <Q, R> SQSBatchResponse sqsBatch(List<SQSEvent.SQSMessage> records, PipelineFunction<Q, R> function) {
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
            if (budget.deadline().leavesLessThan(function.perMessage())) {
                // Started now, a request could be cut off by Lambda after it reached the cluster; left alone, the
                // messages simply come back from SQS.
                records.subList(i, records.size()).forEach(m -> failures.add(new BatchItemFailure(m.getMessageId())));
                LOG.warnf("%d of %d SQS messages not started, reported in batchItemFailures for SQS to deliver again: "
                        + "less than %s (%d ms) was left before the invocation deadline", records.size() - i,
                        records.size(), function.perMessageSettings(), function.perMessage().toMillis());
                break;
            }
            try {
                R result = sqsMessage(message, function);
                function.succeeded(result);
                LOG.infof("SQS message %s: %s", Quoted.bare(message.getMessageId()), function.describe(result));
            } catch (RuntimeException e) {
                function.failed(e);
                failures.add(new BatchItemFailure(message.getMessageId()));
                LOG.warnf("SQS message %s failed, reported in batchItemFailures (%s): %s",
                        Quoted.bare(message.getMessageId()), function.retried(e)
                                ? "transient: SQS retries it"
                                : "retries end in the dead-letter queue", Secrets.redact(String.valueOf(cause(e))));
            }
        }
        return new SQSBatchResponse(failures);
    }

    private <Q, R> R sqsMessage(SQSEvent.SQSMessage message, PipelineFunction<Q, R> function) {
        if (!SqsBatch.SOURCE.equals(message.getEventSource())) {
            throw new InvalidInputException("eventSource: expected '" + SqsBatch.SOURCE + "', got "
                    + Quoted.of(message.getEventSource()));
        }
        if (message.getBody() == null) {
            throw new InvalidInputException("body: is required, the " + function.name() + " request as JSON text");
        }
        JsonNode request;
        try {
            request = mapper.readTree(message.getBody());
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("body: is not JSON (at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        }
        return function.run(read(request, "body", function), new PipelineSender("SQS message " + Quoted.bare(message
                .getMessageId()), message.getMessageId(), message.getEventSourceArn()));
    }

    /** The request inside an event, its problems named as fields inside {@code field}. */
    private <Q> Q read(JsonNode request, String field, PipelineFunction<Q, ?> function) {
        try {
            return reader.read(request, function.requestType());
        } catch (InvalidInputException e) {
            throw e.under(field);
        }
    }
}
