package com.clustertokens.lambda;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * An SQS event as Lambda's event source mapping delivers it: a batch of messages. Fields AWS adds are ignored; a
 * message's body stays JSON as sent, so a malformed one fails that message alone, never its batch.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SqsEvent(@JsonProperty("Records") List<Message> records) {

    /** The eventSource of every message from SQS. */
    public static final String SOURCE = "aws:sqs";

    /** Whether {@code input} is an SQS batch rather than a request of its own. */
    public static boolean isBatch(JsonNode input) {
        return input != null && input.isObject() && input.has("Records");
    }

    /** One message: its id (the batch reports failures by it), origin, and the body text. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Message(String messageId, String eventSource, String eventSourceARN, JsonNode body) {

        /** Whether the message has the id a failure must be reported by. */
        public boolean hasMessageId() {
            return messageId != null && !messageId.isBlank();
        }
    }
}
