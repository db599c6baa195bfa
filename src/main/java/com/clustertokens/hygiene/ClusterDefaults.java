package com.clustertokens.hygiene;

import java.util.ArrayList;
import java.util.List;

import com.clustertokens.hygiene.report.StalePeriod;

/**
 * What a run of one cluster uses unless its request says otherwise: the cluster's stale period (its registry
 * entry's, else HYGIENE_STALE_AFTER) and its standing exclusions (its registry entry's), to which a request's add.
 */
record ClusterDefaults(StalePeriod staleAfter, List<String> exclude) {

    /** The standing exclusions followed by the request's; null when there are none at all. */
    List<String> withExclusions(List<String> requested) {
        if (exclude.isEmpty()) {
            return requested;
        }
        List<String> all = new ArrayList<>(exclude);
        if (requested != null) {
            all.addAll(requested);
        }
        return all;
    }
}
