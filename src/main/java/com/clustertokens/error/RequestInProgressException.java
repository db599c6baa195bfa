package com.clustertokens.error;

/**
 * Another invocation holds the same idempotency key and is creating the token right now. Transient: a retry after
 * it finishes returns its result (an SQS message is retried after its visibility timeout).
 */
public final class RequestInProgressException extends TokenFunctionException {

    public RequestInProgressException(String message) {
        super(message, true);
    }
}
