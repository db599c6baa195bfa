package com.clustertokens.cluster;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How to reach the cluster; each property is also read from its environment variable ({@code dt.cluster-url} = {@code DT_CLUSTER_URL}). */
@ConfigMapping(prefix = "dt")
public interface ClusterConfig {

    /** The fleet's registry as a JSON array of clusters, for local runs and tests (DT_CLUSTERS). */
    Optional<String> clusters();

    /** Name or ARN of the SSM parameter holding the fleet's registry, read at run time (DT_CLUSTERS_PARAMETER). */
    Optional<String> clustersParameter();

    /** How long the registry read from SSM is reused before it is read again (DT_CLUSTERS_CACHE_TTL). */
    @WithDefault("5m")
    Duration clustersCacheTtl();

    /** Base URL of the Managed cluster, e.g. https://managed.example.com (DT_CLUSTER_URL). */
    Optional<String> clusterUrl();

    /** Cluster API token with the ClusterTokenManagement scope, for local runs (DT_API_TOKEN). */
    Optional<String> apiToken();

    /** ARN of the Secrets Manager secret holding the API token; wins over DT_API_TOKEN (DT_API_TOKEN_SECRET_ARN). */
    Optional<String> apiTokenSecretArn();

    /** Time allowed to open a connection to the cluster (DT_CONNECT_TIMEOUT). */
    @WithDefault("5s")
    Duration connectTimeout();

    /** Time allowed to wait for the cluster's response (DT_READ_TIMEOUT). */
    @WithDefault("30s")
    Duration readTimeout();

    /** Quarkus TLS registry configuration that trusts the cluster's private CA, used when defined (DT_TLS_CONFIGURATION_NAME). */
    @WithDefault("cluster")
    String tlsConfigurationName();

    /** Retries of reads (list, metadata, lookup); creates are never retried. */
    Retry retry();

    /** Back-off policy for reads that meet 429, 502, 503, 504 or a connection error. */
    interface Retry {

        /** Attempts in all, the first included (DT_RETRY_MAX_ATTEMPTS). */
        @WithDefault("4")
        int maxAttempts();

        /** Delay before the first retry; doubled on each further one, with full jitter (DT_RETRY_INITIAL_BACKOFF). */
        @WithDefault("500ms")
        Duration initialBackoff();

        /** Longest single wait, also the cap on a Retry-After the cluster asks for (DT_RETRY_MAX_BACKOFF). */
        @WithDefault("20s")
        Duration maxBackoff();
    }
}
