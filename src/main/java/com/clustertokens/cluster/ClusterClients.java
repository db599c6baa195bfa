package com.clustertokens.cluster;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import com.clustertokens.lambda.InvocationBudget;
import com.clustertokens.logging.LogFields;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.tls.TlsConfigurationRegistry;

/**
 * Binds a request's work to one registered cluster: a function selects the client of the cluster its bound request
 * names ({@link #within}) and hands it to the services that work on that cluster. Each cluster's connection is built
 * at its first use and kept; closed around a SnapStart snapshot so no connection or random sequence is shared by the
 * environments restored from it.
 */
@ApplicationScoped
public class ClusterClients {

    /** The log field naming the cluster, on every line written while a request's work is under way. */
    public static final String LOG_FIELD = "cluster";

    private final ClusterRegistry registry;
    private final ApiTokenSource apiTokens;
    private final ObjectMapper mapper;
    private final InvocationBudget budget;
    private final RetryPolicy retryPolicy;
    private final Function<RegisteredCluster, ClusterConnection> opener;
    private final Map<RegisteredCluster, ClusterConnection> connections = new ConcurrentHashMap<>();

    public ClusterClients(ClusterConfig config, ClusterRegistry registry, ApiTokenSource apiTokens,
            ObjectMapper mapper, Instance<TlsConfigurationRegistry> tlsRegistry, InvocationBudget budget) {
        this.registry = registry;
        this.apiTokens = apiTokens;
        this.mapper = mapper;
        this.budget = budget;
        this.retryPolicy = RetryPolicy.from(config.retry());
        this.opener = cluster -> new ClusterConnection(cluster, config, tlsRegistry);
    }

    /** Runs {@code work} with the client {@link #select} gives, the cluster named on every log line it writes. */
    public <T> T within(String name, Function<ClusterTokenClient, T> work) {
        ClusterTokenClient client = select(name);
        return LogFields.with(LOG_FIELD, client.clusterName(), () -> work.apply(client));
    }

    /** The client of the cluster {@link ClusterRegistry#select} selects, bound to the calling invocation's deadline. */
    public ClusterTokenClient select(String name) {
        RegisteredCluster cluster = registry.select(name);
        ClusterConnection connection = connections.computeIfAbsent(cluster, opener);
        return new ClusterTokenClient(new ClusterCalls(connection, cluster, apiTokens, mapper, retryPolicy, budget
                .deadline()));
    }

    /**
     * Closes every cluster's REST client with its pooled connections and reseeds the retries' jitter: what a SnapStart
     * restore needs, and what ends a client built for a stand-in.
     */
    public void reset() {
        connections.values().forEach(ClusterConnection::close);
        retryPolicy.reseed();
    }

    /**
     * As {@link #reset}, but keeps the clients no request went through: they hold no connection, and building one
     * again would cost the first invocation after a SnapStart restore.
     */
    public void resetUsed() {
        connections.values().forEach(ClusterConnection::closeIfUsed);
        retryPolicy.reseed();
    }

    /** Builds the REST clients of {@code clusters} without sending anything, so the first call does not pay for it. */
    public void prepare(List<RegisteredCluster> clusters) {
        for (RegisteredCluster cluster : clusters) {
            try {
                connections.computeIfAbsent(cluster, opener).open();
            } catch (RuntimeException e) {
                // Reported by the first call to the cluster, with the invocation that can act on it.
            }
        }
    }
}
