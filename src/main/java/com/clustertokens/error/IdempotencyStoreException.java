package com.clustertokens.error;

/** The idempotency table (DynamoDB) could not be read or written; names the table and AWS's error, no token. */
public final class IdempotencyStoreException extends TokenFunctionException {

    private final boolean retryable;

    public IdempotencyStoreException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    @Override
    public boolean isTransient() {
        return retryable;
    }
}
