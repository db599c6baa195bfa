package com.clustertokens.cluster;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.clustertokens.aws.AwsClients;
import com.clustertokens.aws.AwsFailures;
import com.clustertokens.cluster.RegistryEntries.Registry;
import com.clustertokens.error.AwsUnavailableException;
import com.clustertokens.error.ConfigurationException;
import com.clustertokens.error.InvalidInputException;
import com.clustertokens.error.Quoted;
import com.clustertokens.logging.EmbeddedMetrics;

import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.core.exception.SdkException;

/**
 * The clusters this deployment serves: the SSM parameter DT_CLUSTERS_PARAMETER (on AWS, re-read after
 * DT_CLUSTERS_CACHE_TTL so an added cluster is picked up), else DT_CLUSTERS (local runs, tests), else the
 * single-cluster variables DT_CLUSTER_URL and DT_API_TOKEN(_SECRET_ARN) as one cluster named {@code default}. A broken
 * entry is refused on its own, and a refresh that cannot read or parse the parameter keeps the registry read last.
 */
@ApplicationScoped
public class ClusterRegistry {

    static final String VARIABLE = "DT_CLUSTERS";
    static final String PARAMETER_VARIABLE = "DT_CLUSTERS_PARAMETER";
    /** The EMF namespace and metric counting refreshes that kept the registry read before (an alarm watches it). */
    public static final String METRICS_NAMESPACE = "ClusterTokenRegistry";
    public static final String REFRESH_FAILED = "RefreshFailures";

    private static final Logger LOG = Logger.getLogger(ClusterRegistry.class);
    private static final ObjectMapper METRICS = new ObjectMapper();

    /** The registry read and when, by {@code nanoTime}. */
    private record Loaded(Registry registry, long readAt) {
    }

    private final ClusterConfig config;
    private final UnaryOperator<String> parameters;
    private final LongSupplier nanoTime;
    private volatile Loaded loaded;

    @Inject
    public ClusterRegistry(ClusterConfig config, AwsClients aws) {
        this(config, parameter -> read(aws, parameter), System::nanoTime);
    }

    ClusterRegistry(ClusterConfig config, UnaryOperator<String> parameters, LongSupplier nanoTime) {
        this.config = config;
        this.parameters = parameters;
        this.nanoTime = nanoTime;
    }

    public List<RegisteredCluster> clusters() {
        return registry().clusters();
    }

    /** Whether {@code name} can name a registry entry: a cluster's name, or the position of one without a usable name. */
    public static boolean isEntryName(String name) {
        return name != null && (RegisteredCluster.NAME.matcher(name).matches() || name.matches("\\[\\d{1,6}]"));
    }

    /** The name of every entry, usable or refused, in the registry's order: what a fleet run reports on. */
    public List<String> names() {
        return registry().names();
    }

    /** The clusters known without reading anything remote: none when the registry is the SSM parameter. */
    public List<RegisteredCluster> configured() {
        if (config.clustersParameter().filter(p -> !p.isBlank()).isPresent()) {
            return List.of();
        }
        try {
            return clusters();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /**
     * The cluster a request names in {@code cluster}; without a name, the only one. Refused, before anything is
     * sent, when the name is unknown or missing in a fleet (the message lists the registered names), or when its
     * entry is broken ({@link ConfigurationException} with the entry's problems).
     */
    public RegisteredCluster select(String name) {
        Registry registry = registry();
        List<String> names = registry.names();
        boolean unnamed = name == null || name.isBlank();
        if (unnamed && names.size() != 1) {
            throw new InvalidInputException("cluster: is required, this deployment serves " + names.size()
                    + " clusters: " + String.join(", ", names));
        }
        if (!unnamed && !names.contains(name)) {
            throw new InvalidInputException("cluster: " + Quoted.of(name) + " is not registered; known clusters: "
                    + String.join(", ", names));
        }
        String selected = unnamed ? names.get(0) : name;
        String refused = registry.refused().get(selected);
        if (refused != null) {
            throw new ConfigurationException("cluster '" + selected + "' is refused: " + refused);
        }
        return registry.clusters().stream().filter(c -> c.name().equals(selected)).findFirst().orElseThrow();
    }

    private Registry registry() {
        Optional<String> parameter = config.clustersParameter().filter(p -> !p.isBlank());
        Optional<String> variable = config.clusters().filter(c -> !c.isBlank());
        if (parameter.isPresent() && variable.isPresent()) {
            throw new ConfigurationException(VARIABLE + " and " + PARAMETER_VARIABLE + " are both set: the registry "
                    + "must have one home; keep " + PARAMETER_VARIABLE + " on AWS, " + VARIABLE + " for local runs");
        }
        if (parameter.isPresent()) {
            return fromParameter(parameter.get());
        }
        if (variable.isPresent()) {
            Loaded current = loaded;
            if (current == null) {
                current = new Loaded(announced(RegistryEntries.parse(variable.get(), VARIABLE, true), VARIABLE), 0);
                loaded = current;
            }
            return current.registry();
        }
        RegisteredCluster single = RegisteredCluster.single(config.clusterUrl().orElse(null),
                config.apiTokenSecretArn().filter(a -> !a.isBlank()).orElse(null), config.apiToken().orElse(null));
        return new Registry(List.of(single), Map.of(), List.of(single.name()));
    }

    /**
     * The registry of the parameter, read again once DT_CLUSTERS_CACHE_TTL has passed. A read that fails, or finds
     * no usable registry, keeps the one read before (with a warning and the {@value #REFRESH_FAILED} metric) until the
     * next try a TTL later; only without one does it fail the call.
     */
    private Registry fromParameter(String parameter) {
        long now = nanoTime.getAsLong();
        Loaded current = loaded;
        if (current != null && now - current.readAt() < config.clustersCacheTtl().toNanos()) {
            return current.registry();
        }
        String registry = "SSM parameter " + parameter;
        Registry fresh;
        try {
            fresh = RegistryEntries.parse(parameters.apply(parameter), registry, false);
        } catch (AwsUnavailableException | ConfigurationException e) {
            if (current == null) {
                throw e;
            }
            LOG.warnf("The cluster registry could not be refreshed: %s. The registry read %d s ago is served until "
                    + "the next try in %s", e.getMessage(), (now - current.readAt()) / 1_000_000_000L,
                    config.clustersCacheTtl());
            EmbeddedMetrics.print(EmbeddedMetrics.line(METRICS, METRICS_NAMESPACE, Map.of(), Map.of(REFRESH_FAILED,
                    1L), System.currentTimeMillis()));
            loaded = new Loaded(current.registry(), now);
            return current.registry();
        }
        loaded = new Loaded(announced(fresh, registry), now);
        return fresh;
    }

    /** Logs the refused entries once per reading, so the log names each broken entry. */
    private static Registry announced(Registry registry, String source) {
        if (!registry.refused().isEmpty()) {
            LOG.warnf("%d of %d entries of %s are refused, the others are served: %s", registry.refused().size(),
                    registry.names().size(), source, String.join("; ", registry.refused().values()));
        }
        return registry;
    }

    static String read(AwsClients aws, String parameter) {
        try {
            return aws.ssm().getParameter(b -> b.name(parameter).withDecryption(true)
                    .overrideConfiguration(aws.withinBudget())).parameter().value();
        } catch (SdkException e) {
            throw new AwsUnavailableException("Could not read the cluster registry from SSM parameter "
                    + parameter + " (" + PARAMETER_VARIABLE + "): " + AwsFailures.describe(e),
                    AwsFailures.retryable(e));
        }
    }
}
