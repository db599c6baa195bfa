package com.clustertokens.error;

import java.util.List;

/** The cluster answered 400: Dynatrace's own message and every constraint violation it listed. */
public final class ClusterRejectedRequestException extends TokenFunctionException {

    public ClusterRejectedRequestException(String clusterUrl, String message, List<String> violations) {
        super("Cluster " + clusterUrl + " rejected the request (400): " + message
                + (violations.isEmpty() ? "" : " [" + String.join("; ", violations) + "]"), false);
    }
}
