package com.clustertokens.cluster;

import java.util.List;
import java.util.Map;

/**
 * One reading of the cluster registry: the usable {@code clusters}, the {@code refused} entries (each under the
 * name a request gives for it, with why), and every entry's name in the registry's order ({@code names}). An entry
 * whose own name is unusable is named by its position, e.g. {@code [3]}, which no cluster name can be.
 */
record Registry(List<RegisteredCluster> clusters, Map<String, String> refused, List<String> names) {

    Registry {
        clusters = List.copyOf(clusters);
        refused = Map.copyOf(refused);
        names = List.copyOf(names);
    }
}
