package com.clustertokens.lambda;

import java.io.IOException;
import java.util.List;

import com.clustertokens.error.InvalidInputException;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * An SQS batch as Lambda's event source mapping delivers it, read into aws-lambda-java-events' {@link SQSEvent}.
 * Lambda's field names differ from the library's in case only ({@code Records}, {@code eventSourceARN}); fields AWS
 * adds are ignored.
 */
public final class SqsBatch {

    public static final String SOURCE = "aws:sqs";

    private static final ObjectReader EVENT = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build().readerFor(SQSEvent.class);

    private SqsBatch() {
    }

    /** Whether {@code input} is an SQS batch rather than a request of its own. */
    public static boolean is(JsonNode input) {
        return input != null && input.has("Records");
    }

    /** The messages of the batch {@code input}, in order; a null entry stays, for the caller to refuse by index. */
    public static List<SQSEvent.SQSMessage> messages(JsonNode input) {
        if (!input.get("Records").isArray()) {
            throw new InvalidInputException("Records: expected a list of SQS messages");
        }
        try {
            return EVENT.<SQSEvent>readValue(input).getRecords();
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidInputException("Records: every SQS message must be an object with text fields "
                    + "messageId, eventSource, eventSourceARN and body");
        }
    }
}
