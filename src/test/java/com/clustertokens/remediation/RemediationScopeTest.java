package com.clustertokens.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.cluster.RegisteredCluster;
import com.clustertokens.simulator.RecordedRequest;
import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.simulator.SimulatedToken;
import com.clustertokens.testing.Exports;
import com.clustertokens.testing.Functions;
import com.clustertokens.testing.InjectSimulatedCluster;
import com.clustertokens.testing.SimulatedClusterResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * remediate-tokens with a scope of two owners: a stale token of any other owner, such as one the cluster made for
 * itself under a name nobody listed, is shown in the plan as held and never touched, while the ones inside are.
 */
@QuarkusTest
@TestProfile(RemediationScopeTest.OwnersScope.class)
@WithTestResource(SimulatedClusterResource.class)
@WithTestResource(LedgerTableResource.class)
class RemediationScopeTest {

    /** Apply mode, acting only on tokens owned by bob or pete. */
    public static class OwnersScope extends Exports.Export {
        public OwnersScope() {
            super("remediate-tokens", Map.of("remediation.mode", "apply", "remediation.scope-owners", "bob,pete"));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.now();

    @InjectSimulatedCluster
    SimulatedCluster cluster;

    @Inject
    Ledger ledger;

    private SimulatedToken bobs;
    private SimulatedToken petes;
    private SimulatedToken alices;
    private SimulatedToken clusterMade;

    @BeforeEach
    void seed() {
        cluster.reset();
        LedgerTableResource.clear();
        bobs = token("old-backup-job", "bob");
        petes = token("old-export", "pete");
        alices = token("old-report", "alice");
        // A token the cluster made for itself, of a kind HYGIENE_AUTO_CREATED_NAMES does not know.
        clusterMade = token("ClusterSelfMonitoring", "dynatrace-cluster");
        cluster.clearRequests();
    }

    @Test
    void planShowsEveryCandidateAndHoldsTheOnesOutsideTheScope() throws Exception {
        JsonNode report = run("{}");

        assertThat(ids(report.get("plan").get("revoke"))).containsExactlyInAnyOrder(bobs.id(), petes.id());
        Map<String, String> held = held(report);
        assertThat(held.get(alices.id())).isEqualTo("outside remediation scope: its owner matches no entry of "
                + "REMEDIATION_SCOPE_OWNERS");
        assertThat(held.get(clusterMade.id())).startsWith("outside remediation scope");
        assertThat(report.get("policy").get("scope").get("owners").toString()).isEqualTo("[\"bob\",\"pete\"]");
        assertThat(report.get("summary").asText()).contains("*Left alone* (2)", "ClusterSelfMonitoring");
        assertThat(changes()).isEmpty();
    }

    @Test
    void applyRevokesOnlyTheTokensInsideTheScope() throws Exception {
        JsonNode applied = run("{\"apply\":true}");

        assertThat(applied.get("applied").asBoolean()).isTrue();
        assertThat(changes()).extracting(RecordedRequest::method).containsOnly("PUT");
        assertThat(changes()).extracting(r -> r.path().substring(r.path().lastIndexOf('/') + 1))
                .containsExactlyInAnyOrder(bobs.id(), petes.id());
        assertThat(cluster.token(alices.id()).orElseThrow().revoked()).isFalse();
        assertThat(cluster.token(clusterMade.id()).orElseThrow().revoked()).isFalse();
        assertThat(ledger.entry(RegisteredCluster.DEFAULT, alices.id())).isEmpty();
        assertThat(ledger.entry(RegisteredCluster.DEFAULT, clusterMade.id())).isEmpty();
    }

    private JsonNode run(String request) throws Exception {
        Functions.Result result = Functions.invoke("remediate-tokens", request);
        assertThat(result.succeeded()).as(result.toString()).isTrue();
        return JSON.readTree(result.json());
    }

    private List<RecordedRequest> changes() {
        return cluster.requests().stream().filter(r -> r.method().equals("PUT") || r.method().equals("DELETE"))
                .toList();
    }

    private static List<String> ids(JsonNode items) {
        return StreamSupport.stream(items.spliterator(), false).map(i -> i.get("id").asText()).toList();
    }

    private static Map<String, String> held(JsonNode report) {
        return StreamSupport.stream(report.get("plan").get("held").spliterator(), false)
                .collect(java.util.stream.Collectors.toMap(h -> h.get("id").asText(), h -> h.get("why").asText()));
    }

    private SimulatedToken token(String name, String owner) {
        String secret = "dt0c01." + UUID.randomUUID().toString().replace("-", "").substring(0, 24).toUpperCase()
                + "." + "S".repeat(64);
        return cluster.add(new SimulatedToken(UUID.randomUUID().toString(), name, null, owner,
                List.of("DiagnosticExport"), NOW.minus(Duration.ofDays(400)), null, NOW.minus(Duration.ofDays(200)),
                false, false, secret));
    }
}
