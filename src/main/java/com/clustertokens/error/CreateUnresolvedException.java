package com.clustertokens.error;

/**
 * An earlier attempt of a create may have made a token, and the cluster's answers cannot tell which token that is.
 * Permanent: the message names what to check before the request is sent again under a new key.
 */
public final class CreateUnresolvedException extends TokenFunctionException {

    public CreateUnresolvedException(String message) {
        super(message, false);
    }
}
