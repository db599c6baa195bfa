package com.clustertokens.cluster;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Each registered cluster's connection and the calls sent over it, built at first use and kept; closed around a
 * SnapStart snapshot so no connection or random sequence is shared by the environments restored from it.
 */
final class ClusterBindings {

    /** One cluster's connection and the calls sent over it. */
    record Bound(ClusterConnection connection, ClusterCalls calls) {
    }

    private final Function<RegisteredCluster, Bound> binder;
    private final RetryPolicy retryPolicy;
    private final Map<RegisteredCluster, Bound> bound = new ConcurrentHashMap<>();

    ClusterBindings(Function<RegisteredCluster, Bound> binder, RetryPolicy retryPolicy) {
        this.binder = binder;
        this.retryPolicy = retryPolicy;
    }

    /** The connection and calls of {@code cluster}, built at its first use. */
    Bound of(RegisteredCluster cluster) {
        return bound.computeIfAbsent(cluster, binder);
    }

    /** Closes every cluster's client with its pooled connections and reseeds the retries' jitter. */
    void closeAll() {
        bound.values().forEach(b -> b.connection().close());
        retryPolicy.reseed();
    }

    /** As {@link #closeAll}, but keeps the clients no request went through: they hold no connection. */
    void closeUsed() {
        bound.values().forEach(b -> b.connection().closeIfUsed());
        retryPolicy.reseed();
    }

    /** Builds the clients of {@code clusters} without sending anything; a wrong setting is left for the first call. */
    void prepare(List<RegisteredCluster> clusters) {
        for (RegisteredCluster cluster : clusters) {
            try {
                of(cluster).connection().ensureOpen();
            } catch (RuntimeException e) {
                // Reported by the first call to the cluster, with the invocation that can act on it.
            }
        }
    }
}
