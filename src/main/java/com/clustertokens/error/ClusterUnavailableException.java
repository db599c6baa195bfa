package com.clustertokens.error;

/** The cluster could not be reached or answered with a server error or a body that is not the API's. */
public final class ClusterUnavailableException extends TokenFunctionException {

    public ClusterUnavailableException(String message) {
        super(message, true);
    }

    public ClusterUnavailableException(String message, Throwable cause) {
        super(message, true, cause);
    }
}
