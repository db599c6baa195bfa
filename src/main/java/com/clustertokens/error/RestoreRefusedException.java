package com.clustertokens.error;

/** restore-token cannot restore this token: not revoked by this system, already deleted, or otherwise; says why. */
public final class RestoreRefusedException extends TokenFunctionException {

    public RestoreRefusedException(String message) {
        super(message, false);
    }
}
