package com.clustertokens.error;

/**
 * The cluster created the token but its secret could not be stored in Secrets Manager. The message says whether the
 * new token was deleted again (then a retry is safe) or still exists (named by its identifier, to delete by hand).
 */
public final class TokenStorageFailedException extends TokenFunctionException {

    private final boolean compensated;

    /** {@code compensated}: the token was deleted again; {@code retryable} false when a retry fails the same. */
    public TokenStorageFailedException(String message, boolean compensated, boolean retryable) {
        super(message, retryable);
        this.compensated = compensated;
    }

    /** Whether the unstored token was deleted again, leaving nothing behind. */
    public boolean compensated() {
        return compensated;
    }
}
