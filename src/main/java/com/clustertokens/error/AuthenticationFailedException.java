package com.clustertokens.error;

/** The cluster refused the API token (401): it is wrong, expired, revoked or lacks the ClusterTokenManagement scope. */
public final class AuthenticationFailedException extends TokenFunctionException {

    public AuthenticationFailedException(String clusterUrl, String clusterMessage) {
        super("Authentication to cluster " + clusterUrl + " failed (401)"
                + (clusterMessage == null ? "" : ": " + clusterMessage)
                + ". Check DT_API_TOKEN: it must be a valid cluster API token with the ClusterTokenManagement scope.");
    }
}
