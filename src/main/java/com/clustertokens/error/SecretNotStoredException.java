package com.clustertokens.error;

/**
 * Secrets Manager did not store a created token's secret; the reason names AWS's error or the rule, never the secret.
 * Never reaches a caller as is: create-token takes the token back and reports a {@link TokenStorageFailedException}.
 */
public final class SecretNotStoredException extends RuntimeException {

    private final boolean permanent;

    /** {@code permanent}: the same request can never be stored under this name (another request's, or pending deletion). */
    public SecretNotStoredException(String reason, boolean permanent) {
        super(reason, null, false, false);
        this.permanent = permanent;
    }

    /** A failure a retry may get past. */
    public SecretNotStoredException(String reason) {
        this(reason, false);
    }

    /** Whether a retry of the same request fails the same way. */
    public boolean permanent() {
        return permanent;
    }
}
