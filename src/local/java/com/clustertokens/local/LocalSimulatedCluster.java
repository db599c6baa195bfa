package com.clustertokens.local;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.clustertokens.cluster.ClusterConfig;
import com.clustertokens.security.Secrets;
import com.clustertokens.simulator.SimulatedCluster;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/** In local runs only (build profile {@code local}), starts a simulated cluster seeded with sample tokens, so the functions run with no real cluster. */
@IfBuildProfile("local")
@ApplicationScoped
public class LocalSimulatedCluster {

    private static final Logger LOG = Logger.getLogger(LocalSimulatedCluster.class);

    private final ClusterConfig config;
    private final int port;
    private SimulatedCluster cluster;

    public LocalSimulatedCluster(ClusterConfig config, @ConfigProperty(name = "simulator.port") int port) {
        this.config = config;
        this.port = port;
    }

    void start(@Observes StartupEvent event) {
        String apiToken = config.apiToken().orElseThrow();
        // Aged relative to start-up: the README's examples use relative times only, so their outputs hold on any date.
        cluster = SimulatedCluster.start(port, apiToken).seedSamples(Instant.now());
        LOG.infof("Simulated cluster at %s with %d sample tokens; functions use API token %s", cluster.url(),
                cluster.size(), Secrets.identifier(apiToken));
    }

    void stop(@Observes ShutdownEvent event) {
        if (cluster != null) {
            cluster.stop();
        }
    }
}
