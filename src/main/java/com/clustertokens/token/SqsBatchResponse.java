package com.clustertokens.token;

import java.util.List;

/**
 * What create-token returns for an SQS batch: the messages that failed, by messageId. SQS deletes the others and
 * makes these visible again after the visibility timeout; past maxReceiveCount they go to the dead-letter queue.
 */
public record SqsBatchResponse(List<ItemFailure> batchItemFailures) implements CreateTokenResult {

    /** One failed message. */
    public record ItemFailure(String itemIdentifier) {
    }
}
