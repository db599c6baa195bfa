package com.clustertokens.error;

/** Base of every failure a caller can act on; its message is what the caller reads in {@code errorMessage}. */
public abstract class TokenFunctionException extends RuntimeException {

    protected TokenFunctionException(String message) {
        super(message);
    }

    protected TokenFunctionException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether repeating the same request later may succeed (drives retries and SQS partial-batch reporting). */
    public boolean isTransient() {
        return false;
    }

    // Funqy reports toString() to the caller: keep it to the short type name and the message, no package noise.
    @Override
    public String toString() {
        return getClass().getSimpleName() + ": " + getMessage();
    }
}
