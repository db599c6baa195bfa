package com.clustertokens.error;

/** The cluster has no token with the given id or secret (404). */
public final class TokenNotFoundException extends TokenFunctionException {

    public TokenNotFoundException(String clusterUrl, String what, String clusterMessage) {
        super("Cluster " + clusterUrl + " has no token " + what + " (404)"
                + (clusterMessage == null ? "" : ": " + clusterMessage), false);
    }
}
