package com.clustertokens.error;

/**
 * The cluster created the token but its secret could not be stored in Secrets Manager. The message says whether the
 * new token was deleted again (then a retry is safe) or still exists (named by its identifier, to delete by hand).
 */
public final class TokenStorageFailedException extends TokenFunctionException {

    private final boolean compensated;

    public TokenStorageFailedException(String message, boolean compensated) {
        super(message);
        this.compensated = compensated;
    }

    /** Whether the unstored token was deleted again, leaving nothing behind. */
    public boolean compensated() {
        return compensated;
    }

    @Override
    public boolean isTransient() {
        return compensated;
    }
}
