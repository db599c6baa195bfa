package com.clustertokens.error;

import com.clustertokens.security.Secrets;

/** Base of every failure a caller can act on; its message is what the caller reads in {@code errorMessage}. */
public abstract class TokenFunctionException extends RuntimeException {

    private final boolean retryable;

    // Masked here as well as where values are quoted: the Lambda runtime prints the message to stderr itself, past
    // the log filter, so whatever a message says is in CloudWatch.
    protected TokenFunctionException(String message, boolean retryable, Throwable cause) {
        super(Secrets.mask(message), cause);
        this.retryable = retryable;
    }

    protected TokenFunctionException(String message, boolean retryable) {
        this(message, retryable, null);
    }

    /** Whether repeating the same request later may succeed (drives retries and SQS partial-batch reporting). */
    public boolean isTransient() {
        return retryable;
    }

    // Funqy reports toString() to the caller: keep it to the short type name and the message, no package noise.
    @Override
    public String toString() {
        return getClass().getSimpleName() + ": " + getMessage();
    }
}
