package com.clustertokens.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.clustertokens.remediation.LedgerTableResource;
import com.clustertokens.remediation.RemediationProfile;
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

/** The restore-token sample in infra/events restores the token of its id after remediation revoked it. */
@QuarkusTest
@TestProfile(RemediationProfile.class)
@WithTestResource(SimulatedClusterResource.class)
@WithTestResource(LedgerTableResource.class)
class RestoreTokenSampleEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectSimulatedCluster
    SimulatedCluster cluster;

    @Test
    void theDirectSampleRestoresTheTokenRemediationRevoked() throws Exception {
        cluster.reset();
        LedgerTableResource.clear();
        String sample = SampleEvents.read(SampleEvents.DIR.resolve("restore-token.direct.json"));
        String id = JSON.readTree(sample).get("token").asText();
        Instant lastUse = Instant.now().minus(Duration.ofDays(200));
        SimulatedToken made = cluster.addToken("old-backup-job", "bob", List.of("DiagnosticExport"), lastUse);
        cluster.add(new SimulatedToken(id, made.name(), null, made.userId(), made.scopes(), made.created(), null,
                made.lastUse(), false, false, made.secret()));
        cluster.token(made.id()).ifPresent(t -> cluster.add(t.withRevoked(true).withName("other")));
        assertThat(Functions.invoke("remediate-tokens", "{\"apply\":true}").succeeded()).isTrue();
        assertThat(cluster.token(id).orElseThrow().revoked()).isTrue();
        cluster.clearRequests();

        Functions.Result result = Functions.invoke("restore-token", sample);

        assertThat(result.succeeded()).as(result.toString()).isTrue();
        JsonNode restored = JSON.readTree(result.json());
        assertThat(restored.get("outcome").asText()).isEqualTo("restored");
        assertThat(restored.get("summary").asText()).startsWith("Restored token old-backup-job (" + id + ")");
        assertThat(cluster.token(id).orElseThrow().revoked()).isFalse();
        assertThat(cluster.requests()).filteredOn(r -> r.method().equals("PUT")).singleElement()
                .satisfies(r -> assertThat(r.body()).isEqualTo("{\"revoked\":false}"));
    }
}
