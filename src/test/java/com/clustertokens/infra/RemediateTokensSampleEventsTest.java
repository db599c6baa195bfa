package com.clustertokens.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.remediation.LedgerTableResource;
import com.clustertokens.remediation.RemediationProfile;
import com.clustertokens.simulator.RecordedRequest;
import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.simulator.SimulatedToken;
import com.clustertokens.testing.Functions;
import com.clustertokens.testing.InjectSimulatedCluster;
import com.clustertokens.testing.SimulatedClusterResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The remediate-tokens samples in infra/events (direct plan, the nightly apply's input) run against the simulator. */
@QuarkusTest
@TestProfile(RemediationProfile.class)
@WithTestResource(SimulatedClusterResource.class)
@WithTestResource(LedgerTableResource.class)
class RemediateTokensSampleEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectSimulatedCluster
    SimulatedCluster cluster;

    private SimulatedToken stale;

    @BeforeEach
    void seed() {
        cluster.reset();
        LedgerTableResource.clear();
        stale = cluster.addToken("old-backup-job", "bob", List.of("DiagnosticExport"),
                Instant.now().minus(Duration.ofDays(200)));
        cluster.clearRequests();
    }

    @Test
    void theDirectSamplePlansAndChangesNothing() throws Exception {
        JsonNode report = run("remediate-tokens.direct.json");

        assertThat(report.get("plan").get("revoke").get(0).get("id").asText()).isEqualTo(stale.id());
        assertThat(report.get("applied").asBoolean()).isFalse();
        assertThat(report.get("summary").asText()).contains("*Would revoke* (1)");
        assertThat(changes()).isEmpty();
    }

    @Test
    void theNightlyApplyInputRevokesUnderTheSchedulesIdentity() throws Exception {
        JsonNode report = run("remediate-tokens.schedule-v2.json");

        assertThat(report.get("run").asText()).isEqualTo("schedule at 2026-11-02T04:00:00Z");
        assertThat(report.get("applied").asBoolean()).isTrue();
        assertThat(changes()).singleElement().satisfies(request -> assertThat(request.path())
                .endsWith("/" + stale.id()));
    }

    private JsonNode run(String sample) throws Exception {
        Functions.Result result = Functions.invoke("remediate-tokens",
                SampleEvents.read(SampleEvents.DIR.resolve(sample)));
        assertThat(result.succeeded()).as(result.toString()).isTrue();
        return JSON.readTree(result.json());
    }

    private List<RecordedRequest> changes() {
        return cluster.requests().stream().filter(r -> r.method().equals("PUT") || r.method().equals("DELETE"))
                .toList();
    }
}
