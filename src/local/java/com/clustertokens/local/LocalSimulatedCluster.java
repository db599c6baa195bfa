package com.clustertokens.local;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.clustertokens.cluster.ClusterRegistry;
import com.clustertokens.cluster.RegisteredCluster;
import com.clustertokens.security.Secrets;
import com.clustertokens.simulator.SimulatedCluster;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * In local runs only (build profile {@code local}), starts a simulated cluster for each cluster of the registry
 * (DT_CLUSTERS: a fleet of two), at its URL's port with its API token, seeded with sample tokens, so the functions and
 * the fleet run work with no real cluster.
 */
@IfBuildProfile("local")
@ApplicationScoped
public class LocalSimulatedCluster {

    private static final Logger LOG = Logger.getLogger(LocalSimulatedCluster.class);

    private final ClusterRegistry registry;
    private final List<SimulatedCluster> clusters = new ArrayList<>();

    public LocalSimulatedCluster(ClusterRegistry registry) {
        this.registry = registry;
    }

    void start(@Observes StartupEvent event) {
        // Aged relative to start-up: the README's examples use relative times only, so their outputs hold on any date.
        Instant now = Instant.now();
        for (RegisteredCluster registered : registry.clusters()) {
            SimulatedCluster cluster = SimulatedCluster.start(URI.create(registered.url()).getPort(),
                    registered.apiToken()).seedSamples(now);
            clusters.add(cluster);
            LOG.infof("Simulated cluster '%s' at %s with %d sample tokens; functions use API token %s",
                    registered.name(), cluster.url(), cluster.size(), Secrets.identifier(registered.apiToken()));
        }
    }

    void stop(@Observes ShutdownEvent event) {
        clusters.forEach(SimulatedCluster::stop);
    }
}
