package com.clustertokens.remediation;

import com.clustertokens.cluster.ClusterTokenClient;

/** How remediation names the cluster it works on, in ledger keys and reports: the one place to change it. */
final class ClusterKey {

    private ClusterKey() {
    }

    static String of(ClusterTokenClient cluster) {
        return cluster.clusterName();
    }
}
