package com.clustertokens.hygiene;

import static com.clustertokens.testing.Lambda.invokeOk;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.simulator.SimulatedToken;
import com.clustertokens.testing.Exports;
import com.clustertokens.testing.InjectSimulatedCluster;
import com.clustertokens.testing.SimulatedClusterResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** The expiry of every token, read from the simulated cluster's metadata, at the edges of each class. */
@QuarkusTest
@TestProfile(Exports.StaleTokens.class)
@WithTestResource(SimulatedClusterResource.class)
class StaleTokensExpiryTest {

    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant CUTOFF = NOW.minus(Duration.ofDays(90));
    private static final Duration WARNING = Duration.ofDays(14); // HYGIENE_EXPIRY_WARNING's default
    private static final Duration ROTATE_AFTER = Duration.ofDays(90); // HYGIENE_ROTATE_AFTER's default
    private static final Instant IN_USE = NOW.minus(Duration.ofDays(1));
    private static final Instant CREATED = NOW.minus(Duration.ofDays(10));
    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectSimulatedCluster
    SimulatedCluster cluster;

    private SimulatedToken atWarning;
    private SimulatedToken soonest;
    private SimulatedToken expired;
    private SimulatedToken expiresNow;
    private SimulatedToken rotationDue;
    private SimulatedToken unreadable;

    @BeforeEach
    void seedCluster() {
        cluster.withClock(Clock.fixed(NOW, ZoneOffset.UTC));
        cluster.reset(); // the API token: in use, created now, no expiry
        atWarning = token("at-warning", CREATED, NOW.plus(WARNING), IN_USE);
        token("past-warning", CREATED, NOW.plus(WARNING).plusMillis(1), IN_USE);
        soonest = token("soonest", CREATED, NOW.plus(Duration.ofHours(1)), IN_USE);
        token("expiring-unused", NOW.minus(Duration.ofDays(200)), NOW.plus(Duration.ofDays(3)),
                CUTOFF.minus(Duration.ofDays(1)));
        expired = token("expired", CREATED, NOW.minus(Duration.ofDays(1)), NOW.minus(Duration.ofDays(2)));
        expiresNow = token("expires-now", CREATED, NOW, IN_USE);
        token("never-expires", CREATED, null, IN_USE);
        rotationDue = token("rotation-due", NOW.minus(ROTATE_AFTER), null, IN_USE);
        token("rotation-not-yet", NOW.minus(ROTATE_AFTER).plusMillis(1), null, IN_USE);
        unreadable = token("unreadable", CREATED, NOW.plus(Duration.ofDays(1)), IN_USE);
        cluster.failMetadata(unreadable.id());
        cluster.clearRequests();
    }

    @Test
    void sortsEveryTokenByItsExpiryAtTheEdges() {
        JsonPath report = invokeOk(Map.of("now", NOW.toString())).extract().jsonPath();

        assertThat(report.getString("expiry.warnBy")).isEqualTo(NOW.plus(WARNING).toString());
        // 11 listed: the unreadable one is not read, and is in no expiry class.
        assertThat(report.getLong("expiry.read")).isEqualTo(10);
        assertThat(report.getLong("expiry.notRead")).isEqualTo(1);
        assertThat(report.getList("expiry.unread.id")).containsExactly(unreadable.id());
        assertThat(report.getString("expiry.unread[0].reason")).contains("500");
        // Expires in exactly the warning period: warned; a millisecond later: not; the stale one is not "in use".
        assertThat(report.getList("expiry.expiringInUse.id")).containsExactly(soonest.id(), atWarning.id());
        assertThat(report.getLong("expiry.expiringInUseCount")).isEqualTo(2);
        assertThat(report.getString("expiry.expiringInUse[1].owner")).isEqualTo("alice");
        assertThat(report.getString("expiry.expiringInUse[1].lastUse")).isEqualTo(IN_USE.toString());
        assertThat(report.getString("expiry.expiringInUse[1].expires")).isEqualTo(NOW.plus(WARNING).toString());
        // Expiring at the very run's now is expired; expired tokens are still listed by the cluster.
        assertThat(report.getList("expiry.expired.id")).containsExactly(expired.id(), expiresNow.id());
        assertThat(report.getLong("expiry.expiredCount")).isEqualTo(2);
        // No expiry: the API token, never-expires, rotation-due, rotation-not-yet.
        assertThat(report.getLong("expiry.neverExpires")).isEqualTo(4);
        assertThat(report.getList("expiry.rotationDue.id")).containsExactly(rotationDue.id());
        assertThat(report.getString("expiry.rotationDue[0].rotate")).as("the single cluster: no cluster named")
                .isEqualTo("rotate-token {\"token\":\"" + rotationDue.id() + "\",\"format\":\"text\"}");
        assertThat(report.getList("expiry.expiringInUse.rotate")).containsOnlyNulls();
        assertThat(report.getString("expiry.rotateBy")).isEqualTo(NOW.minus(ROTATE_AFTER).toString());
        assertThat(report.getList("stale.id")).as("expiring does not make a token stale")
                .doesNotContain(atWarning.id(), soonest.id());
        assertThat(report.getList("notes", String.class)).anySatisfy(note -> assertThat(note)
                .startsWith("the expiry of 1 of 11 tokens was not read"));
    }

    @Test
    void countsATokenWhoseMetadataLacksFieldsOrIsMalformedAsNotReadNeverAsNeverExpiring() {
        SimulatedToken lost = token("lost-fields", CREATED, NOW.plus(Duration.ofDays(1)), IN_USE);
        SimulatedToken malformed = token("malformed", CREATED, NOW.plus(Duration.ofDays(1)), IN_USE);
        cluster.loseMetadata(lost.id()).malformMetadata(malformed.id());
        cluster.clearRequests();

        JsonPath report = invokeOk(Map.of("now", NOW.toString())).extract().jsonPath();

        // A 200 without a creation time, and one whose expires is not a number: not read, in no class.
        assertThat(report.getLong("expiry.read")).isEqualTo(10);
        assertThat(report.getLong("expiry.notRead")).isEqualTo(3);
        assertThat(report.getList("expiry.unread.id")).containsExactlyInAnyOrder(unreadable.id(), lost.id(),
                malformed.id());
        assertThat(report.getString("expiry.unread.find { it.id == '" + lost.id() + "' }.reason"))
                .isEqualTo("its metadata came without a creation time (incomplete), so its expiry is unknown");
        assertThat(report.getString("expiry.unread.find { it.id == '" + malformed.id() + "' }.reason"))
                .isNotBlank();
        assertThat(report.getLong("expiry.neverExpires")).as("a missing expiry is not read as none").isEqualTo(4);
        assertThat(report.getList("expiry.expiringInUse.id")).containsExactly(soonest.id(), atWarning.id());
        assertThat(cluster.requests()).filteredOn(r -> r.path().endsWith("/" + lost.id())).hasSize(1);
        assertThat(cluster.requests()).filteredOn(r -> r.path().endsWith("/" + malformed.id())).isNotEmpty();
    }

    @Test
    void putsTheInUseTokensExpiringSoonAtTheTopOfTheSummary() {
        String summary = invokeOk(Map.of("now", NOW.toString())).extract().jsonPath().getString("summary");

        assertThat(summary).contains("*Expiring soon and in use (by 2026-11-15T00:00:00Z), soonest first* (2)\n"
                + "• soonest (" + soonest.id() + ") · owner alice · last used " + IN_USE + " · expires "
                + NOW.plus(Duration.ofHours(1)) + "\n• at-warning (" + atWarning.id() + ")");
        assertThat(summary.indexOf("Expiring soon and in use")).isLessThan(summary.indexOf("\nStale: "));
        assertThat(summary).contains("Expiry of 10 tokens read: 2 expiring soon and in use · 2 expired · 4 never "
                + "expire · 1 due for rotation · 1 not read\n");
        assertThat(summary).contains("*Expired (still listed by the cluster)* (2)")
                .contains("*Due for rotation (in use, created by 2026-08-03T00:00:00Z)* (1)\n• rotation-due")
                .contains(" · rotate with `rotate-token {\"token\":\"" + rotationDue.id()
                        + "\",\"format\":\"text\"}`\n")
                .contains("*Expiry not read* (1)\n• unreadable (" + unreadable.id() + ") · ");
    }

    @Test
    void printsTheExpiryCountsAsMetrics() throws Exception {
        String out = StaleTokensFunctionTest.captureStdout(() -> invokeOk(Map.of("now", NOW.toString())));

        JsonNode emf = JSON.readTree(out.lines().filter(l -> l.startsWith("{\"_aws\"")).findFirst().orElseThrow());
        assertThat(emf.at("/_aws/CloudWatchMetrics/0/Metrics").findValuesAsText("Name")).contains(
                "ExpiringInUseTokens", "ExpiredTokens", "NeverExpiringTokens", "RotationDueTokens",
                "ExpiryNotReadTokens");
        assertThat(emf.get("ExpiringInUseTokens").asLong()).isEqualTo(2);
        assertThat(emf.get("ExpiredTokens").asLong()).isEqualTo(2);
        assertThat(emf.get("NeverExpiringTokens").asLong()).isEqualTo(4);
        assertThat(emf.get("RotationDueTokens").asLong()).isEqualTo(1);
        assertThat(emf.get("ExpiryNotReadTokens").asLong()).isEqualTo(1);
    }

    private SimulatedToken token(String name, Instant created, Instant expires, Instant lastUse) {
        SimulatedToken t = cluster.addToken(name, "alice", List.of("DiagnosticExport"), lastUse);
        return cluster.add(new SimulatedToken(t.id(), name, null, t.userId(), t.scopes(), created, expires, lastUse,
                false, false, t.secret()));
    }
}
