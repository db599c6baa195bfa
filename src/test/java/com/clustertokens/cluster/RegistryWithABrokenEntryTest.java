package com.clustertokens.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.aws.AwsClients;
import com.clustertokens.simulator.RecordedRequest;
import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.testing.Exports;
import com.clustertokens.testing.Functions;
import com.clustertokens.testing.Lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A registry parameter (moto) with one good entry and two broken ones (a misspelt field; plain http off loopback):
 * the good cluster is served as if the others were not there, each broken one is refused with its own entry's error
 * before any request, and the nightly run still lists it, so its failure becomes a line of the summary.
 */
@QuarkusTest
@TestProfile(Exports.ListTokens.class)
@WithTestResource(RegistryParameterResource.class)
class RegistryWithABrokenEntryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENTRY = "is refused: SSM parameter "
            + RegistryParameterResource.PARAMETER;

    @Inject
    ClusterConfig config;
    @Inject
    AwsClients aws;

    @BeforeEach
    void writeTheBrokenRegistry() {
        RegistryParameterResource.fleet().writeBroken();
        // Read afresh: its cache never expires during the test, whose clock stands still.
        RegistryParameterResource.freshRegistry(config, aws, () -> 0L);
    }

    @Test
    void servesTheGoodClusterAndRefusesEachBrokenEntryWithItsOwnErrorBeforeAnyRequest() throws Exception {
        SimulatedCluster alpha = RegistryParameterResource.fleet().clusters().get("alpha");
        SimulatedCluster beta = RegistryParameterResource.fleet().clusters().get("beta");
        alpha.clearRequests();
        beta.clearRequests();

        JsonNode listed = JSON.readTree(Lambda.invokeOk("{\"cluster\":\"alpha\",\"limit\":4}").extract().asString());
        String misspelt = Lambda.invokeFailing("{\"cluster\":\"beta\",\"limit\":4}");
        String plainHttp = Lambda.invokeFailing("{\"cluster\":\"gamma\",\"limit\":4}");

        assertThat(listed.path("cluster").asText()).isEqualTo("alpha");
        assertThat(listed.path("values")).hasSize(4);
        assertThat(alpha.requests()).hasSize(1);
        RecordedRequest list = alpha.requests().get(0);
        assertThat(list.path()).isEqualTo("/api/cluster/v2/tokens");
        assertThat(list.queryParam("limit")).containsExactly("4");
        assertThat(("Api-Token " + alpha.apiToken()).equals(list.header("Authorization").orElse("")))
                .as("sent with alpha's own token").isTrue();
        assertThat(misspelt).isEqualTo("ConfigurationException: cluster 'beta' " + ENTRY + "[1].staleAftr: unknown "
                + "field; a cluster has only {name, url, apiTokenSecretArn, staleAfter, exclude, remediation}");
        assertThat(plainHttp).isEqualTo("ConfigurationException: cluster 'gamma' " + ENTRY + "[2].url "
                + "'http://gamma.example.com' is malformed: it must start with https://, or http:// for a loopback host "
                + "only (localhost, 127.0.0.0/8, [::1]): the API token goes with every request");
        assertThat(beta.requests()).as("requests to the cluster of the misspelt entry").isEmpty();
        assertThat(Lambda.invokeFailing("{\"limit\":4}")).isEqualTo("InvalidInputException: Invalid request: cluster: "
                + "is required, this deployment serves 3 clusters: alpha, beta, gamma");
    }

    @Test
    void listsEveryEntryForTheNightlyRunWhoseStepForABrokenOneFailsWithItsEntrysError() throws Exception {
        Functions.Result plan = Functions.invoke("fleet-clusters", "{\"scheduledTime\":\"2026-11-30T03:00:00Z\"}");
        Functions.Result step = Functions.invoke("fleet-report", "{\"cluster\":\"beta\","
                + "\"scheduledTime\":\"2026-11-30T03:00:00Z\"}");

        assertThat(plan.succeeded()).as(plan.toString()).isTrue();
        assertThat(JSON.readTree(plan.json()).path("clusters").toString()).isEqualTo(JSON.writeValueAsString(List.of(
                "alpha", "beta", "gamma")));
        assertThat(step.succeeded()).isFalse();
        assertThat(step.errorMessage()).startsWith("ConfigurationException: cluster 'beta' " + ENTRY
                + "[1].staleAftr: unknown field");
        assertThat(RegistryParameterResource.fleet().clusters().get("beta").requests()).isEmpty();
    }
}
