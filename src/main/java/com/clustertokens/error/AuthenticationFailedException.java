package com.clustertokens.error;

/**
 * The cluster refused the API token (401: wrong, expired or revoked; 403: not allowed, such as a missing
 * ClusterTokenManagement scope). The message names where the token came from, so the reader knows what to fix.
 */
public final class AuthenticationFailedException extends TokenFunctionException {

    /** {@code tokenSource}: "DT_API_TOKEN", or the secret named by DT_API_TOKEN_SECRET_ARN. */
    public AuthenticationFailedException(String clusterUrl, int status, String clusterMessage, String tokenSource) {
        super("Authentication to cluster " + clusterUrl + " failed (" + status + ")"
                + (clusterMessage == null ? "" : ": " + clusterMessage) + ". Check " + tokenSource + ": it must hold "
                + (status == 403
                        ? "a cluster API token allowed this operation (scope ClusterTokenManagement)"
                        : "a valid, unrevoked cluster API token with the ClusterTokenManagement scope") + ".", false);
    }
}
