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

/** remediate-tokens in apply mode with no scope stated: the plan holds every candidate, an apply is refused. */
@QuarkusTest
@TestProfile(RemediationWithoutScopeTest.NoScope.class)
@WithTestResource(SimulatedClusterResource.class)
@WithTestResource(LedgerTableResource.class)
class RemediationWithoutScopeTest {

    /** Apply mode, and neither REMEDIATION_SCOPE_OWNERS nor REMEDIATION_SCOPE_NAMES. */
    public static class NoScope extends Exports.Export {
        public NoScope() {
            super("remediate-tokens", Map.of("remediation.mode", "apply"));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.now();

    @InjectSimulatedCluster
    SimulatedCluster cluster;

    @Inject
    Ledger ledger;

    private SimulatedToken stale;

    @BeforeEach
    void seed() {
        cluster.reset();
        LedgerTableResource.clear();
        String secret = "dt0c01.NOSCOPESTALETOKEN0000000." + "N".repeat(64);
        stale = cluster.add(new SimulatedToken(UUID.randomUUID().toString(), "old-backup-job", null, "bob",
                List.of("DiagnosticExport"), NOW.minus(Duration.ofDays(400)), null, NOW.minus(Duration.ofDays(200)),
                false, false, secret));
        cluster.clearRequests();
    }

    @Test
    void planStillShowsEveryCandidateHeldForWantOfAScope() throws Exception {
        Functions.Result result = Functions.invoke("remediate-tokens", "{}");

        assertThat(result.succeeded()).as(result.toString()).isTrue();
        JsonNode report = JSON.readTree(result.json());
        assertThat(report.get("plan").get("revoke")).isEmpty();
        JsonNode held = StreamSupport.stream(report.get("plan").get("held").spliterator(), false)
                .filter(h -> h.get("id").asText().equals(stale.id())).findFirst().orElseThrow();
        assertThat(held.get("why").asText()).startsWith("outside remediation scope: no scope is set")
                .contains("REMEDIATION_SCOPE_OWNERS");
        assertThat(report.get("notes").toString()).contains("no remediation scope is set",
                "an apply is refused");
    }

    @Test
    void applyIsRefusedAsAConfigurationErrorNamingTheSettingBeforeAnyRequest() {
        Functions.Result refused = Functions.invoke("remediate-tokens", "{\"apply\":true}");

        assertThat(refused.succeeded()).isFalse();
        assertThat(refused.errorMessage()).startsWith("ConfigurationException: Remediation scope:")
                .contains("none is set", "REMEDIATION_SCOPE_OWNERS", "REMEDIATION_SCOPE_NAMES", "Nothing was done");
        assertThat(cluster.requests()).isEmpty();
        assertThat(cluster.token(stale.id()).orElseThrow().revoked()).isFalse();
        assertThat(ledger.entries(RegisteredCluster.DEFAULT)).isEmpty();
    }
}
