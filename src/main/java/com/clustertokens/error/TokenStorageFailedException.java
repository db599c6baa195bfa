package com.clustertokens.error;

/**
 * The cluster created the token but its secret could not be stored in Secrets Manager. The message says whether the
 * new token was deleted again (then a retry is safe) or still exists (named by its identifier, to delete by hand).
 */
public final class TokenStorageFailedException extends TokenFunctionException {

    private final boolean compensated;
    private final boolean retryable;

    /** {@code compensated}: the token was deleted again, so a retry is safe and may succeed. */
    public TokenStorageFailedException(String message, boolean compensated) {
        this(message, compensated, compensated);
    }

    /** As above, with {@code retryable} false when the same request can never be stored (a retry fails the same). */
    public TokenStorageFailedException(String message, boolean compensated, boolean retryable) {
        super(message);
        this.compensated = compensated;
        this.retryable = retryable;
    }

    /** Whether the unstored token was deleted again, leaving nothing behind. */
    public boolean compensated() {
        return compensated;
    }

    @Override
    public boolean isTransient() {
        return retryable;
    }
}
