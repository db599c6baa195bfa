package com.clustertokens.error;

/**
 * Secrets Manager did not store a created token's secret; the reason names AWS's error or the rule, never the secret.
 * Never reaches a caller as is: create-token takes the token back and reports a {@link TokenStorageFailedException}.
 * {@code permanent}: the same request can never be stored under this name (another request's, or pending deletion).
 */
public final class SecretNotStoredException extends RuntimeException {

    private final boolean permanent;

    public SecretNotStoredException(String reason, boolean permanent) {
        super(reason, null, false, false);
        this.permanent = permanent;
    }

    public SecretNotStoredException(String reason) {
        this(reason, false);
    }

    public boolean permanent() {
        return permanent;
    }
}
