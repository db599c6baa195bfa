package com.clustertokens.error;

/** The token cannot be rotated (or handed to a rotation's follow-up): says why, and what to do instead. */
public final class RotationRefusedException extends TokenFunctionException {

    public RotationRefusedException(String message) {
        super(message, false);
    }
}
