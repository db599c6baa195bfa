package com.clustertokens.simulator;

import java.util.List;
import java.util.Set;

/** The 16 cluster-token scope wire names the simulator accepts, in the order Dynatrace documents them. */
final class Scopes {

    static final String CLUSTER_TOKEN_MANAGEMENT = "ClusterTokenManagement";

    static final List<String> ALL = List.of(
            "DiagnosticExport", "ControlManagement", "UnattendedInstall", "ServiceProviderAPI",
            "ExternalSyntheticIntegration", CLUSTER_TOKEN_MANAGEMENT, "ReadSyntheticData", "Nodekeeper",
            "EnvironmentTokenManagement", "activeGateTokenManagement.read", "activeGateTokenManagement.create",
            "activeGateTokenManagement.write", "settings.read", "settings.write", "apiTokens.read",
            "apiTokens.write");

    private static final Set<String> KNOWN = Set.copyOf(ALL);

    private Scopes() {
    }

    // Case-sensitive on purpose: the wire names mix cases and a client sending "clustertokenmanagement" is a bug.
    static boolean isKnown(String scope) {
        return scope != null && KNOWN.contains(scope);
    }
}
