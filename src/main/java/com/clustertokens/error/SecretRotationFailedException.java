package com.clustertokens.error;

/**
 * rotate-secret: a rotation step cannot complete; says why, what was taken back, and that AWSCURRENT still holds the
 * token that worked before.
 */
public final class SecretRotationFailedException extends TokenFunctionException {

    public SecretRotationFailedException(String message) {
        super(message, false);
    }
}
