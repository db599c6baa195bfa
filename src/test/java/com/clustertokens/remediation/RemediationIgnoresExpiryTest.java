package com.clustertokens.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;

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

/** Remediation never acts on a token because it is expiring or expired: only disuse makes a token its business. */
@QuarkusTest
@TestProfile(RemediationProfile.class)
@WithTestResource(SimulatedClusterResource.class)
@WithTestResource(LedgerTableResource.class)
class RemediationIgnoresExpiryTest {

    private static final Instant NOW = Instant.now();
    private static final String BASE = "/api/cluster/v2/tokens";

    @InjectSimulatedCluster
    SimulatedCluster cluster;

    @Test
    void leavesTheInUseTokensThatExpireSoonOrHaveExpiredOutOfItsPlanAndItsActions() throws Exception {
        cluster.reset();
        LedgerTableResource.clear();
        SimulatedToken expiringSoon = token("expiring-tonight", NOW.plus(Duration.ofHours(6)), NOW.minus(Duration
                .ofHours(1)));
        SimulatedToken expired = token("expired-yesterday", NOW.minus(Duration.ofDays(1)), NOW.minus(Duration
                .ofDays(2)));
        SimulatedToken stale = token("old-job", null, NOW.minus(Duration.ofDays(200)));
        cluster.clearRequests();

        JsonNode report = new ObjectMapper().readTree(succeeded(Functions.invoke("remediate-tokens",
                "{\"apply\":true}")).json());

        assertThat(ids(report.at("/plan/revoke"))).containsExactly(stale.id());
        assertThat(report.toString()).doesNotContain(expiringSoon.id()).doesNotContain(expired.id());
        assertThat(cluster.requests()).filteredOn(r -> r.method().equals("PUT") || r.method().equals("DELETE"))
                .extracting(RecordedRequest::path).containsExactly(BASE + "/" + stale.id());
        // Its census reads no expiry: neither token's metadata was even read.
        assertThat(cluster.requests()).extracting(RecordedRequest::path)
                .doesNotContain(BASE + "/" + expiringSoon.id(), BASE + "/" + expired.id());
        assertThat(cluster.token(expiringSoon.id()).orElseThrow().revoked()).isFalse();
        assertThat(cluster.token(expired.id()).orElseThrow().revoked()).isFalse();
    }

    private static Functions.Result succeeded(Functions.Result result) {
        assertThat(result.succeeded()).as(result.toString()).isTrue();
        return result;
    }

    private SimulatedToken token(String name, Instant expires, Instant lastUse) {
        SimulatedToken made = cluster.addToken(name, "alice", List.of("DiagnosticExport"), lastUse);
        return cluster.add(new SimulatedToken(made.id(), name, null, "alice", made.scopes(),
                NOW.minus(Duration.ofDays(400)), expires, lastUse, false, false, made.secret()));
    }

    private static List<String> ids(JsonNode items) {
        return StreamSupport.stream(items.spliterator(), false).map(i -> i.get("id").asText()).toList();
    }
}
