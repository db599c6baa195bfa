package com.clustertokens.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.aws.AwsClients;
import com.clustertokens.simulator.RecordedRequest;
import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.testing.Exports;
import com.clustertokens.testing.Lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The registry as deployed: read from the SSM parameter DT_CLUSTERS_PARAMETER (moto), each cluster's API token from
 * the secret its entry names, the registry reused for DT_CLUSTERS_CACHE_TTL and read again after it, so a cluster
 * added to the parameter is served without a redeploy. The cache is timed by the test's own clock: the TTL passes
 * when the test says, to the nanosecond, not after a wait.
 */
@QuarkusTest
@TestProfile(Exports.ListTokens.class)
@WithTestResource(RegistryParameterResource.class)
class RegistryFromSsmTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ClusterConfig config;
    @Inject
    AwsClients aws;

    private final AtomicLong nanoTime = new AtomicLong();

    @BeforeEach
    void freshRegistry() {
        RegistryParameterResource.freshRegistry(config, aws, nanoTime::get);
    }

    @Test
    void readsTheRegistryFromTheParameterAndPicksUpAnAddedClusterOnceItsCacheExpires() throws Exception {
        RegistryParameterResource.Fleet fleet = RegistryParameterResource.fleet();
        SimulatedCluster alpha = fleet.clusters().get("alpha");
        SimulatedCluster beta = fleet.clusters().get("beta");
        alpha.clearRequests();
        beta.clearRequests();
        fleet.register(List.of("alpha"));

        JsonNode listed = JSON.readTree(Lambda.invokeOk("{\"limit\":5}").extract().asString());

        assertThat(listed.path("cluster").asText()).as("the parameter's only cluster, without a name").isEqualTo(
                "alpha");
        assertThat(listed.path("values")).hasSize(5);
        assertListedWithItsOwnToken(alpha, "5");

        fleet.register(List.of("alpha", "beta"));
        nanoTime.set(config.clustersCacheTtl().toNanos() - 1);
        String cached = Lambda.invokeFailing("{\"cluster\":\"beta\",\"limit\":5}");

        assertThat(cached).as("a nanosecond before DT_CLUSTERS_CACHE_TTL (%s) is over", config.clustersCacheTtl())
                .isEqualTo("InvalidInputException: Invalid request: cluster: 'beta' is not registered; known "
                        + "clusters: alpha");
        assertThat(beta.requests()).as("requests to beta before the registry was read again").isEmpty();
        assertThat(alpha.requests()).isEmpty();

        nanoTime.set(config.clustersCacheTtl().toNanos());
        JsonNode fromBeta = JSON.readTree(Lambda.invokeOk("{\"cluster\":\"beta\",\"limit\":3}").extract().asString());

        assertThat(fromBeta.path("cluster").asText()).as("served once DT_CLUSTERS_CACHE_TTL is over").isEqualTo(
                "beta");
        assertThat(fromBeta.path("values")).hasSize(3);
        assertListedWithItsOwnToken(beta, "3");
        assertThat(alpha.requests()).as("requests to alpha for beta's list").isEmpty();
        assertThat(Lambda.invokeFailing("{\"limit\":3}")).isEqualTo("InvalidInputException: Invalid request: "
                + "cluster: is required, this deployment serves 2 clusters: alpha, beta");
        assertThat(alpha.requests()).isEmpty();
        assertThat(beta.requests()).isEmpty();
    }

    /** The cluster received exactly one list, with its own API token (read from its secret), then forgets it. */
    private static void assertListedWithItsOwnToken(SimulatedCluster cluster, String limit) {
        assertThat(cluster.requests()).hasSize(1);
        RecordedRequest list = cluster.requests().get(0);
        assertThat(list.method()).isEqualTo("GET");
        assertThat(list.path()).isEqualTo("/api/cluster/v2/tokens");
        assertThat(list.queryParam("limit")).containsExactly(limit);
        assertThat(("Api-Token " + cluster.apiToken()).equals(list.header("Authorization").orElse("")))
                .as("sent with the token of the cluster's own secret").isTrue();
        cluster.clearRequests();
    }
}
