package com.clustertokens.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.error.InvalidInputException;
import com.clustertokens.simulator.RecordedRequest;
import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.testing.Exports;
import com.clustertokens.testing.FleetResource;
import com.clustertokens.testing.InjectFleet;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A client is bound to the one cluster it was selected for: work handed to any thread, in no wrapper, calls that
 * cluster with its own API token, while another cluster's client works beside it in the same JVM.
 */
@QuarkusTest
@TestProfile(Exports.StaleTokens.class)
@WithTestResource(value = FleetResource.class, initArgs = {@ResourceArg(name = "clusters", value = "2"),
        @ResourceArg(name = "broken", value = "false")})
class BoundClusterClientTest {

    private static final int TASKS_PER_CLUSTER = 6;
    private static final ListQuery ALL = new ListQuery(1000, null, List.of(), null, null);

    @InjectFleet
    FleetResource.Fleet fleet;

    @Inject
    ClusterClients clients;

    private static final int THREADS = 4;

    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @BeforeEach
    void markEachCluster() {
        fleet.clusters().forEach((name, cluster) -> {
            if (cluster.liveTokensNamed("only-on-" + name).isEmpty()) {
                cluster.addToken("only-on-" + name, "ops", List.of("settings.read"), Instant.now());
            }
            cluster.clearRequests();
        });
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void twoClustersClientsWorkingAtOnceOnPoolThreadsEachReachOnlyTheirOwnCluster() throws Exception {
        ClusterTokenClient c01 = clients.select("c01");
        ClusterTokenClient c02 = clients.select("c02");
        // Tasks start four at a time, two of each cluster, submitted as they are and nothing else: both clusters are
        // read at the same time by threads that carry no selection of any kind.
        CyclicBarrier together = new CyclicBarrier(THREADS);
        List<Future<List<String>>> ofC01 = new ArrayList<>();
        List<Future<List<String>>> ofC02 = new ArrayList<>();
        for (int i = 0; i < TASKS_PER_CLUSTER; i++) {
            ofC01.add(pool.submit(() -> namesSeenBy(c01, together)));
            ofC02.add(pool.submit(() -> namesSeenBy(c02, together)));
        }

        for (Future<List<String>> names : ofC01) {
            assertThat(names.get(60, TimeUnit.SECONDS)).contains("c01", "only-on-c01").doesNotContain("only-on-c02");
        }
        for (Future<List<String>> names : ofC02) {
            assertThat(names.get(60, TimeUnit.SECONDS)).contains("c02", "only-on-c02").doesNotContain("only-on-c01");
        }
        for (Map.Entry<String, SimulatedCluster> each : fleet.clusters().entrySet()) {
            List<RecordedRequest> received = each.getValue().requests();
            assertThat(received).as("requests received by %s", each.getKey()).hasSize(TASKS_PER_CLUSTER)
                    .allSatisfy(r -> {
                        assertThat(r.method()).isEqualTo("GET");
                        assertThat(r.path()).isEqualTo("/api/cluster/v2/tokens");
                        assertThat(r.header("Authorization")).contains("Api-Token " + each.getValue().apiToken());
                    });
        }
    }

    @Test
    void aNameNoClusterIsRegisteredUnderIsRefusedBeforeAClientExists() {
        assertThatThrownBy(() -> clients.select("prod-eu")).isInstanceOf(InvalidInputException.class)
                .hasMessage("Invalid request: cluster: 'prod-eu' is not registered; known clusters: c01, c02");
        assertThatThrownBy(() -> clients.select(null)).isInstanceOf(InvalidInputException.class)
                .hasMessage("Invalid request: cluster: is required, this deployment serves 2 clusters: c01, c02");
        fleet.clusters().values().forEach(cluster -> assertThat(cluster.requests()).isEmpty());
    }

    /** The cluster's name as the client tells it, then the names of the tokens it lists. */
    private static List<String> namesSeenBy(ClusterTokenClient client, CyclicBarrier together) throws Exception {
        together.await(60, TimeUnit.SECONDS);
        List<String> seen = new ArrayList<>(List.of(client.clusterName()));
        seen.addAll(client.list(ALL, entries -> entries.map(TokenStub::name).toList()));
        return seen;
    }
}
