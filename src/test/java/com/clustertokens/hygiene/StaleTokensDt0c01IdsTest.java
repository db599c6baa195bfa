package com.clustertokens.hygiene;

import static com.clustertokens.testing.Lambda.invokeOk;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.cluster.ListEntry;
import com.clustertokens.simulator.IdForm;
import com.clustertokens.simulator.RecordedRequest;
import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.simulator.SimulatedToken;
import com.clustertokens.testing.Exports;
import com.clustertokens.testing.InjectSimulatedCluster;
import com.clustertokens.testing.SimulatedClusterResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** stale-tokens against a cluster whose ids are {@code dt0c01.} identifiers, mixed with UUIDs and other ids. */
@QuarkusTest
@TestProfile(Exports.StaleTokens.class)
@WithTestResource(SimulatedClusterResource.class)
class StaleTokensDt0c01IdsTest {

    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant CUTOFF = NOW.minus(Duration.ofDays(90));
    private static final Instant LONG_AGO = NOW.minus(Duration.ofDays(400));
    private static final String BASE = "/api/cluster/v2/tokens";

    @InjectSimulatedCluster
    SimulatedCluster cluster;

    @BeforeEach
    void issueDt0c01Ids() {
        cluster.withClock(Clock.fixed(NOW, ZoneOffset.UTC)).issueIds(IdForm.DT0C01);
        cluster.reset();
    }

    @AfterEach
    void issueUuidsAgain() {
        cluster.issueIds(IdForm.UUID);
    }

    @Test
    void classifiesDt0c01IdsExactlyInOnePassAndReadsTheirMetadata() {
        SimulatedToken active = issued("active", NOW.minusSeconds(60));
        SimulatedToken dormant = issued("dormant", LONG_AGO);
        SimulatedToken neverUsed = issued("never-used", null);
        ListEntry dormantId = ListEntry.of(dormant.id(), null);
        assertThat(dormantId.idIsCompact() && dormantId.idIsDt0c01()).as(dormant.id()).isTrue();
        // A UUID of the very bits of the dormant token's id: another token, used recently.
        SimulatedToken sameBits = listed(new UUID(dormantId.idHigh(), dormantId.idLow()).toString(), "same-bits",
                NOW.minusSeconds(30));
        // Lower case is not the identifier form: this id is kept as a String, on the slow path.
        SimulatedToken nearMiss = listed(dormant.id().toLowerCase(), "near-miss", LONG_AGO);
        cluster.clearRequests();

        JsonPath report = invokeOk(Map.of("now", NOW.toString())).extract().jsonPath();

        // 6 = the API token (a UUID, active: it made every request) + the 5 added
        assertThat(report.getMap("counts")).containsAllEntriesOf(Map.of("total", 6, "active", 3, "dormant", 2,
                "noRecordedUse", 1));
        assertThat(report.getList("stale.id")).containsExactlyInAnyOrder(neverUsed.id(), dormant.id(),
                nearMiss.id()).doesNotContain(active.id(), sameBits.id());
        assertThat(report.getList("notes", String.class)).noneMatch(note -> note.contains("read twice"));
        List<RecordedRequest> requests = cluster.requests();
        assertThat(requests).filteredOn(r -> r.path().equals(BASE)).as(
                "each list read once: the full one, the active and dormant ones in 3 pieces each")
                .hasSize(7).extracting(RecordedRequest::rawQuery).doesNotHaveDuplicates();
        assertThat(requests).filteredOn(r -> !r.path().equals(BASE)).extracting(RecordedRequest::path)
                .as("every listed token's metadata once: the stale ones', the rest for their expiry")
                .containsExactlyInAnyOrder(BASE + "/" + neverUsed.id(), BASE + "/" + dormant.id(),
                        BASE + "/" + nearMiss.id(), BASE + "/" + active.id(), BASE + "/" + sameBits.id(),
                        BASE + "/" + cluster.apiTokenId());
    }

    /** A token with an id the cluster issued, created long before the cutoff. */
    private SimulatedToken issued(String name, Instant lastUse) {
        SimulatedToken token = cluster.addToken(name, "alice", List.of("DiagnosticExport"), lastUse);
        return listed(token.id(), name, lastUse, token.secret());
    }

    /** A token with this id, created long before the cutoff. */
    private SimulatedToken listed(String id, String name, Instant lastUse) {
        return listed(id, name, lastUse, "not-a-real-secret-of-" + name);
    }

    private SimulatedToken listed(String id, String name, Instant lastUse, String secret) {
        return cluster.add(new SimulatedToken(id, name, null, "alice", List.of("DiagnosticExport"), LONG_AGO, null,
                lastUse, false, false, secret));
    }
}
