package com.clustertokens.testing;

import java.util.Map;

import com.clustertokens.simulator.SimulatedCluster;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Starts the simulated cluster on a free port and points the functions at it. */
public class SimulatedClusterResource implements QuarkusTestResourceLifecycleManager {

    private SimulatedCluster cluster;

    @Override
    public Map<String, String> start() {
        cluster = SimulatedCluster.start(0, TestTokens.API_TOKEN);
        return Map.of("dt.cluster-url", cluster.url(), "dt.api-token", TestTokens.API_TOKEN);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(cluster,
                new TestInjector.AnnotatedAndMatchesType(InjectSimulatedCluster.class, SimulatedCluster.class));
    }

    @Override
    public void stop() {
        if (cluster != null) {
            cluster.stop();
        }
    }
}
