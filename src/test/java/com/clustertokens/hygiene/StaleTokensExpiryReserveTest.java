package com.clustertokens.hygiene;

import static com.clustertokens.testing.Lambda.invokeOk;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.simulator.SimulatedToken;
import com.clustertokens.testing.Exports;
import com.clustertokens.testing.InjectSimulatedCluster;
import com.clustertokens.testing.SimulatedClusterResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Too little time left for the expiry scan (less than HYGIENE_EXPIRY_SCAN_RESERVE before the deadline, here from the
 * start): its reads are not made, but the stale tokens' own metadata reads still are, once each.
 */
@QuarkusTest
@TestProfile(StaleTokensExpiryReserveTest.LateScan.class)
@WithTestResource(SimulatedClusterResource.class)
class StaleTokensExpiryReserveTest {

    /** stale-tokens with a reserve longer than the invocation's 300 s: every expiry read is late. */
    public static class LateScan extends Exports.Export {
        public LateScan() {
            super("stale-tokens", Map.of("hygiene.expiry-scan-reserve", "PT6M"));
        }
    }

    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
    private static final String BASE = "/api/cluster/v2/tokens";

    @InjectSimulatedCluster
    SimulatedCluster cluster;

    @Test
    void readsTheStaleTokensMetadataEvenWhenTheScanIsOutOfTime() {
        cluster.withClock(Clock.fixed(NOW, ZoneOffset.UTC));
        cluster.reset();
        SimulatedToken inUse = cluster.addToken("in-use", "alice", List.of("DiagnosticExport"), NOW.minusSeconds(60));
        SimulatedToken dormant = cluster.addToken("dormant", "bob", List.of("DiagnosticExport"),
                NOW.minus(Duration.ofDays(200)));
        SimulatedToken made = cluster.addToken("never-used", "carol", List.of("DiagnosticExport"), null);
        SimulatedToken neverUsed = cluster.add(new SimulatedToken(made.id(), made.name(), null, "carol", made.scopes(),
                NOW.minus(Duration.ofDays(300)), null, null, false, false, made.secret()));
        cluster.clearRequests();

        JsonPath report = invokeOk(Map.of("now", NOW.toString())).extract().jsonPath();

        assertThat(report.getList("stale.id")).containsExactly(neverUsed.id(), dormant.id());
        assertThat(report.getList("stale.owner")).containsExactly("carol", "bob");
        assertThat(report.getInt("counts.unverified")).isZero();
        assertThat(report.getInt("counts.noRecordedUse")).isEqualTo(1);
        // The scan read the stale tokens (their reads were made anyway), not the API token or the one in use.
        assertThat(report.getLong("expiry.read")).isEqualTo(2);
        assertThat(report.getList("expiry.unread.id")).containsExactlyInAnyOrder(cluster.apiTokenId(), inUse.id());
        assertThat(report.getList("expiry.unread.reason", String.class)).containsOnly(
                "not read: too little time left before the invocation's deadline");
        assertThat(cluster.requests()).filteredOn(r -> r.path().startsWith(BASE + "/"))
                .extracting(r -> r.path().substring(BASE.length() + 1))
                .containsExactlyInAnyOrder(dormant.id(), neverUsed.id());
    }
}
