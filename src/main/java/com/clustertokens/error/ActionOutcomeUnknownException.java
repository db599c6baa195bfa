package com.clustertokens.error;

/**
 * A revoke, delete or restore was sent and no answer says whether it took effect (a timeout, a 5xx). Recorded as
 * unknown in the ledger; the next attempt reads the token first and never repeats it blindly.
 */
public final class ActionOutcomeUnknownException extends TokenFunctionException {

    public ActionOutcomeUnknownException(String message) {
        super(message, true);
    }
}
