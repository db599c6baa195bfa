package com.clustertokens.hygiene;

import static com.clustertokens.testing.Lambda.invokeOk;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.clustertokens.simulator.RecordedRequest;
import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.testing.Exports;
import com.clustertokens.testing.InjectSimulatedCluster;
import com.clustertokens.testing.SimulatedClusterResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** More tokens than the expiry scan may read: the rest are counted and named, never guessed. */
@QuarkusTest
@TestProfile(StaleTokensExpiryCapTest.SmallScan.class)
@WithTestResource(SimulatedClusterResource.class)
class StaleTokensExpiryCapTest {

    /** stale-tokens reading the expiry of at most 3 tokens, and listing at most 2 per section. */
    public static class SmallScan extends Exports.Export {
        public SmallScan() {
            super("stale-tokens", Map.of("hygiene.expiry-scan-limit", "3", "hygiene.report-limit", "2"));
        }
    }

    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
    private static final String BASE = "/api/cluster/v2/tokens";

    @InjectSimulatedCluster
    SimulatedCluster cluster;

    @Test
    void readsTheExpiryOfAtMostTheLimitAndNamesTheRestAsNotRead() {
        cluster.withClock(Clock.fixed(NOW, ZoneOffset.UTC));
        cluster.reset();
        for (int i = 0; i < 5; i++) {
            cluster.addToken("in-use-" + i, "alice", List.of("DiagnosticExport"), NOW.minusSeconds(60));
        }
        cluster.clearRequests();

        JsonPath report = invokeOk(Map.of("now", NOW.toString())).extract().jsonPath();

        // 6 listed (the API token and 5), 3 read, 3 not: counted all, named up to the report limit.
        assertThat(report.getLong("expiry.read")).isEqualTo(3);
        assertThat(report.getLong("expiry.notRead")).isEqualTo(3);
        assertThat(report.getList("expiry.unread")).hasSize(2);
        assertThat(report.getList("expiry.unread.reason", String.class))
                .containsOnly("over the expiry scan limit HYGIENE_EXPIRY_SCAN_LIMIT 3");
        assertThat(report.getLong("expiry.neverExpires")).as("only what was read is counted").isEqualTo(3);
        assertThat(cluster.requests()).filteredOn(r -> !r.path().equals(BASE)).extracting(RecordedRequest::path)
                .as("three metadata reads, no more").hasSize(3).doesNotHaveDuplicates();
        assertThat(report.getString("summary")).contains("· 3 not read\n").contains("*Expiry not read* (3)\n")
                .contains("…and 1 more\n");
    }
}
