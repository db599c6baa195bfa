package com.clustertokens.error;

/**
 * A create reached the cluster, or may have, and no answer says whether it took effect (a read timeout, a dropped
 * connection, a 5xx from the cluster or a proxy, an unreadable success). Transient: a retry of the same request
 * first finds out from the cluster whether a token was made, and never makes a second one.
 */
public final class CreateOutcomeUnknownException extends TokenFunctionException {

    public CreateOutcomeUnknownException(String message) {
        super(message, true);
    }
}
