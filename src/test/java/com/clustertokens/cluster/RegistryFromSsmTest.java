package com.clustertokens.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

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
 * added to the parameter is served without a redeploy.
 */
@QuarkusTest
@TestProfile(Exports.ListTokens.class)
@WithTestResource(RegistryParameterResource.class)
class RegistryFromSsmTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsTheRegistryFromTheParameterAndPicksUpAnAddedClusterOnceItsCacheExpires() throws Exception {
        RegistryParameterResource.Fleet fleet = RegistryParameterResource.fleet();
        SimulatedCluster alpha = fleet.clusters().get("alpha");
        SimulatedCluster beta = fleet.clusters().get("beta");
        fleet.register(List.of("alpha"));
        long firstRead = System.nanoTime();

        JsonNode listed = JSON.readTree(Lambda.invokeOk("{\"limit\":5}").extract().asString());

        assertThat(listed.path("cluster").asText()).as("the parameter's only cluster, without a name").isEqualTo(
                "alpha");
        assertThat(listed.path("values")).hasSize(5);
        assertListedWithItsOwnToken(alpha, "5");

        fleet.register(List.of("alpha", "beta"));
        String cached = Lambda.invokeFailing("{\"cluster\":\"beta\",\"limit\":5}");
        long cachedFor = System.nanoTime() - firstRead;

        assertThat(Duration.ofNanos(cachedFor)).as("still within DT_CLUSTERS_CACHE_TTL; else this machine was too "
                + "slow for the test").isLessThan(Duration.ofSeconds(RegistryParameterResource.CACHE_TTL_SECONDS));
        assertThat(cached).isEqualTo("InvalidInputException: Invalid request: cluster: 'beta' is not registered; "
                + "known clusters: alpha");
        assertThat(beta.requests()).as("requests to beta before the registry was read again").isEmpty();
        assertThat(alpha.requests()).isEmpty();

        // The cache's clock started at the first read, a moment after firstRead: ask until beta is served.
        io.restassured.response.ExtractableResponse<?> served = null;
        long giveUp = firstRead + Duration.ofSeconds(4L * RegistryParameterResource.CACHE_TTL_SECONDS).toNanos();
        while (served == null && System.nanoTime() < giveUp) {
            var response = Lambda.invoke("{\"cluster\":\"beta\",\"limit\":3}").extract();
            if (response.statusCode() == 200) {
                served = response;
            } else {
                assertThat(response.path("errorMessage").toString()).endsWith("known clusters: alpha");
                Thread.sleep(250);
            }
        }
        long pickedUpAfter = System.nanoTime() - firstRead;

        assertThat(served).as("beta served once the registry was read again").isNotNull();
        assertThat(Duration.ofNanos(pickedUpAfter)).as("not before DT_CLUSTERS_CACHE_TTL").isGreaterThanOrEqualTo(
                Duration.ofSeconds(RegistryParameterResource.CACHE_TTL_SECONDS));
        JsonNode fromBeta = JSON.readTree(served.asString());
        assertThat(fromBeta.path("cluster").asText()).isEqualTo("beta");
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
