package com.clustertokens.hygiene;

import static com.clustertokens.testing.Lambda.invokeFailing;
import static com.clustertokens.testing.Lambda.invokeOk;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.clustertokens.simulator.RecordedRequest;
import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.simulator.SimulatedToken;
import com.clustertokens.testing.Exports;
import com.clustertokens.testing.InjectSimulatedCluster;
import com.clustertokens.testing.SimulatedClusterResource;
import com.clustertokens.testing.TestTokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@TestProfile(Exports.StaleTokens.class)
@WithTestResource(SimulatedClusterResource.class)
class StaleTokensFunctionTest {

    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant CUTOFF = NOW.minus(Duration.ofDays(90)); // 2026-08-03T00:00:00Z
    private static final String BASE = "/api/cluster/v2/tokens";
    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectSimulatedCluster
    SimulatedCluster cluster;

    private SimulatedToken atCutoff;
    private SimulatedToken dayBefore;
    private SimulatedToken neverUsed;
    private SimulatedToken freshPipeline;
    private SimulatedToken revoked;
    private SimulatedToken expiring;
    private SimulatedToken installer;
    private SimulatedToken ciDeploy;

    @BeforeEach
    void seedCluster() {
        cluster.withClock(Clock.fixed(NOW, ZoneOffset.UTC));
        cluster.reset();
        atCutoff = cluster.addToken("used-at-cutoff", "alice", List.of("DiagnosticExport"), CUTOFF);
        dayBefore = cluster.addToken("used-day-before", "bob", List.of("settings.read"),
                CUTOFF.minus(Duration.ofDays(1)));
        neverUsed = createdAt(cluster.addToken("never-used", "pete", List.of("DiagnosticExport"), null),
                CUTOFF.minus(Duration.ofDays(30)));
        freshPipeline = createdAt(cluster.addToken("fresh-pipeline", "ci", List.of("DiagnosticExport"), null),
                NOW.minus(Duration.ofDays(1)));
        SimulatedToken r = cluster.addToken("rotated-out", "alice", List.of("settings.write"),
                CUTOFF.minus(Duration.ofDays(50)));
        revoked = cluster.add(r.withRevoked(true));
        SimulatedToken e = cluster.addToken("soon-expiring", "carol", List.of("ReadSyntheticData"),
                CUTOFF.minus(Duration.ofDays(10)));
        expiring = cluster.add(new SimulatedToken(e.id(), e.name(), null, e.userId(), e.scopes(), e.created(),
                NOW.plus(Duration.ofDays(3)), e.lastUse(), false, false, e.secret()));
        installer = cluster.addToken("InstallerDownload", "admin", List.of("UnattendedInstall"), null);
        ciDeploy = cluster.addToken("ci-deploy", "alice", List.of("ClusterTokenManagement"),
                CUTOFF.minus(Duration.ofDays(300)));
        cluster.clearRequests();
    }

    @Test
    void classifiesEveryTokenAgainstTheCutoffAndSendsTheThreeQueries() {
        JsonPath report = invokeOk(Map.of("now", NOW.toString(), "exclude", List.of("ci-*"))).extract().jsonPath();

        assertThat(report.getString("cutoff")).isEqualTo("2026-08-03T00:00:00Z");
        assertThat(report.getString("now")).isEqualTo(NOW.toString());
        assertThat(report.getString("staleAfter")).isEqualTo("P90D");
        assertThat(report.getString("clusterUrl")).isEqualTo(cluster.url());
        // 9 = the API token (used by every request, so active) + the 8 seeded tokens
        assertThat(report.getMap("counts")).containsAllEntriesOf(Map.of("total", 9, "active", 2, "dormant", 3,
                "noRecordedUse", 1, "newUnused", 1, "unverified", 0, "excluded", 2, "enriched", 5, "revoked", 1,
                "expiring", 1));
        assertThat(report.getInt("counts.deleted")).isZero();
        assertThat(report.getList("stale.name")).containsExactly("never-used", "used-day-before");
        assertThat(report.getList("stale.status")).containsExactly("noRecordedUse", "dormant");
        assertThat(report.getList("stale.owner")).containsExactly("pete", "bob");
        assertThat(report.getString("stale[1].lastUse")).isEqualTo("2026-08-02T00:00:00Z");
        assertThat(report.getString("stale[0].lastUse")).isNull();
        assertThat(report.getList("revoked.id")).containsExactly(revoked.id());
        assertThat(report.getList("expiring.id")).containsExactly(expiring.id());
        assertThat(report.getString("expiring[0].expires")).isEqualTo("2026-11-04T00:00:00Z");
        assertThat(report.getList("excluded.name")).containsExactlyInAnyOrder("InstallerDownload", "ci-deploy");
        assertThat(report.getList("excluded.reason")).containsExactlyInAnyOrder("created by the cluster",
                "matches 'ci-*'");
        assertThat(report.getList("excluded.status")).containsExactlyInAnyOrder("noRecordedUse", "dormant");
        assertThat(report.getBoolean("truncated")).isFalse();
        assertThat(report.getBoolean("mayBeIncomplete")).isFalse();
        assertThat(report.getList("stale.id")).doesNotContain(atCutoff.id());

        List<RecordedRequest> requests = cluster.requests();
        long cutoff = CUTOFF.toEpochMilli();
        // The lists are read at once, and metadata reads start while the full list is still read. The last-use
        // histogram cuts the active and dormant lists at its other bounds (7, 30, 180, 365 days): pieces that add
        // up to the same two lists, each asked with both filters.
        long day = Duration.ofDays(1).toMillis();
        long now = NOW.toEpochMilli();
        assertThat(requests).filteredOn(r -> r.path().equals(BASE)).extracting(RecordedRequest::method,
                RecordedRequest::path, RecordedRequest::rawQuery).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("GET", BASE, "limit=1000000&from=" + (now - 7 * day - 1)),
                        org.assertj.core.groups.Tuple.tuple("GET", BASE, "limit=1000000&from=" + (now - 30 * day - 1)
                                + "&to=" + (now - 7 * day)),
                        org.assertj.core.groups.Tuple.tuple("GET", BASE, "limit=1000000&from=" + (cutoff - 1) + "&to="
                                + (now - 30 * day)),
                        org.assertj.core.groups.Tuple.tuple("GET", BASE, "limit=1000000&from=" + (now - 180 * day - 1)
                                + "&to=" + cutoff),
                        org.assertj.core.groups.Tuple.tuple("GET", BASE, "limit=1000000&from=" + (now - 365 * day - 1)
                                + "&to=" + (now - 180 * day)),
                        org.assertj.core.groups.Tuple.tuple("GET", BASE, "limit=1000000&to=" + (now - 365 * day)),
                        org.assertj.core.groups.Tuple.tuple("GET", BASE, "limit=1000000"));
        // The metadata of every listed token, once each: the stale ones' as before, and the rest for their expiry.
        assertThat(requests).filteredOn(r -> !r.path().equals(BASE)).extracting(RecordedRequest::path)
                .containsExactlyInAnyOrder(BASE + "/" + neverUsed.id(), BASE + "/" + freshPipeline.id(),
                        BASE + "/" + dayBefore.id(),
                        BASE + "/" + revoked.id(), BASE + "/" + expiring.id(), BASE + "/" + atCutoff.id(),
                        BASE + "/" + installer.id(), BASE + "/" + ciDeploy.id(), BASE + "/" + cluster.apiTokenId());
        assertThat(requests).allSatisfy(r -> assertThat(r.method()).isEqualTo("GET"))
                .allSatisfy(r -> assertThat(TestTokens.isApiTokenHeader(r.header("authorization").orElse(null)))
                        .isTrue());
    }

    @Test
    void listsStaleTokensOldestUseFirstEvenWithinOneSecond() {
        Instant second = CUTOFF.minus(Duration.ofDays(200));
        cluster.addToken("used-half-a-second-later", "bob", List.of("settings.read"), second.plusMillis(500));
        cluster.addToken("used-on-the-second", "bob", List.of("settings.read"), second);

        JsonPath report = invokeOk(Map.of("now", NOW.toString(), "exclude", List.of("ci-*"))).extract().jsonPath();

        // As text, "…:00Z" sorts after "…:00.500Z"; as times, it is half a second earlier.
        assertThat(report.getList("stale.name")).containsSubsequence("used-on-the-second",
                "used-half-a-second-later");
        assertThat(report.getList("stale.lastUse")).contains("2026-01-15T00:00:00Z", "2026-01-15T00:00:00.500Z");
    }

    @Test
    void neverReportsATokenCreatedAfterTheCutoffAsStaleOnlyCountsItAsNew() {
        JsonPath report = invokeOk(Map.of("now", NOW.toString())).extract().jsonPath();

        String body = report.prettify();
        assertThat(body).doesNotContain(freshPipeline.id()).doesNotContain("fresh-pipeline");
        assertThat(report.getInt("counts.newUnused")).isEqualTo(1);
        assertThat(report.getInt("counts.noRecordedUse")).as("never-used, created before the cutoff").isEqualTo(1);
        assertThat(report.getList("stale.name")).startsWith("never-used");
        assertThat(report.getString("stale[0].created")).isEqualTo(CUTOFF.minus(Duration.ofDays(30)).toString());
    }

    @Test
    void reportsHowManyTokensEachExclusionRemoved() {
        cluster.addToken("ci-build", "alice", List.of("DiagnosticExport"), CUTOFF.minus(Duration.ofDays(3)));

        JsonPath report = invokeOk(Map.of("now", NOW.toString(), "exclude", List.of("ci-*", "nightly-?", "*-deploy")))
                .extract().jsonPath();

        assertThat(report.getList("exclusions.reason")).containsExactly("created by the cluster", "matches 'ci-*'",
                "matches 'nightly-?'", "matches '*-deploy'");
        assertThat(report.getList("exclusions.excluded")).containsExactly(1, 2, 0, 0);
        assertThat(report.getInt("counts.excluded")).isEqualTo(3);
        assertThat(report.getString("summary")).contains("Excluded (never reported as stale): 3 (created by the "
                + "cluster: 1 · matches 'ci-*': 2 · matches 'nightly-?': 0 · matches '*-deploy': 0)");
    }

    @Test
    void acceptsTheFormatEveryFunctionTakesAndAlwaysCarriesItsSummary() {
        String text = invokeOk(Map.of("now", NOW.toString(), "format", "text")).extract().path("summary");
        String json = invokeOk(Map.of("now", NOW.toString(), "format", "json")).extract().path("summary");

        assertThat(text).startsWith("*Cluster token hygiene* for ").isEqualTo(json);
    }

    @Test
    void countsATokenUsedExactlyAtTheCutoffAsActive() {
        JsonPath report = invokeOk(Map.of("now", NOW.toEpochMilli())).extract().jsonPath();

        // from is strict on the cluster, so the active query asks from=cutoff-1 ms: lastUse == cutoff matches it
        assertThat(report.getList("stale.id")).doesNotContain(atCutoff.id());
        assertThat(report.getList("excluded.id")).doesNotContain(atCutoff.id());
        assertThat(report.getInt("counts.active")).isEqualTo(2);
        assertThat(cluster.requests()).extracting(r -> r.queryParam("from")).filteredOn(from -> !from.isEmpty())
                .contains(List.of(String.valueOf(CUTOFF.toEpochMilli() - 1)))
                .doesNotContain(List.of(String.valueOf(CUTOFF.toEpochMilli())));
    }

    @Test
    void writesAChatSummaryWithCountsAndOldestUseFirst() {
        JsonPath report = invokeOk(Map.of("now", NOW.toString())).extract().jsonPath();

        String summary = report.getString("summary");
        assertThat(summary).startsWith("*Cluster token hygiene* for " + cluster.url())
                .contains("not used since 2026-08-03T00:00:00Z (90 days before 2026-11-01T00:00:00Z)")
                .contains("Tokens: 9 total · 2 active · 4 dormant · 1 no recorded use · 1 excluded · 1 new (created "
                        + "since the cutoff, not used yet)")
                .contains("Excluded (never reported as stale): 1 (created by the cluster: 1)")
                .contains("• never-used (" + neverUsed.id() + ") · owner pete · never used")
                .contains("*Expiring within 14 days* (1)")
                .contains("*Revoked (stale, not yet deleted)* (1)");
        assertThat(summary.indexOf("never-used")).isLessThan(summary.indexOf("ci-deploy"));
        assertThat(summary.indexOf("ci-deploy")).isLessThan(summary.indexOf("used-day-before"));
        assertThat(summary.lines().count()).isGreaterThan(5);
    }

    @Test
    void reportHoldsNoSecretOfAnyToken() {
        String body = invokeOk(Map.of("now", NOW.toString())).extract().asString();

        for (SimulatedToken token : List.of(atCutoff, dayBefore, neverUsed, revoked, expiring, installer, ciDeploy)) {
            assertThat(body.contains(token.secret())).as("report holds the secret of " + token.name()).isFalse();
        }
        assertThat(body.contains(TestTokens.API_TOKEN)).as("report holds the API token").isFalse();
    }

    @Test
    void printsTheCountsAsOneEmbeddedMetricFormatLine() throws Exception {
        long before = System.currentTimeMillis();
        String out = captureStdout(() -> invokeOk(Map.of("now", NOW.toString(), "exclude", List.of("ci-*"))));
        long after = System.currentTimeMillis();

        String line = out.lines().filter(l -> l.startsWith("{\"_aws\"")).findFirst().orElseThrow();
        JsonNode emf = JSON.readTree(line);
        JsonNode directive = emf.at("/_aws/CloudWatchMetrics/0");
        assertThat(directive.get("Namespace").asText()).isEqualTo("ClusterTokenHygiene");
        assertThat(directive.get("Dimensions").toString()).isEqualTo("[[\"Cluster\"]]");
        assertThat(directive.get("Metrics").findValuesAsText("Name")).contains("TotalTokens", "StaleTokens",
                "ActiveTokens",
                "DormantTokens", "NoRecordedUseTokens", "NewUnusedTokens", "UnverifiedTokens", "ExcludedTokens",
                "RevokedTokens");
        assertThat(directive.get("Metrics").findValuesAsText("Unit")).containsOnly("Count");
        // When the run happened (its wall clock, not the event's "now"), however long it took.
        assertThat(emf.at("/_aws/Timestamp").asLong()).isBetween(before, after);
        assertThat(emf.get("Cluster").asText()).isEqualTo(cluster.url());
        assertThat(emf.get("TotalTokens").asLong()).isEqualTo(9);
        assertThat(emf.get("NewUnusedTokens").asLong()).isEqualTo(1);
        assertThat(emf.get("UnverifiedTokens").asLong()).isZero();
        assertThat(emf.get("ActiveTokens").asLong()).isEqualTo(2);
        assertThat(emf.get("DormantTokens").asLong()).isEqualTo(3);
        assertThat(emf.get("NoRecordedUseTokens").asLong()).isEqualTo(1);
        assertThat(emf.get("StaleTokens").asLong()).as("dormant and never used").isEqualTo(4);
        assertThat(emf.get("ExcludedTokens").asLong()).isEqualTo(2);
        assertThat(emf.get("RevokedTokens").asLong()).isEqualTo(1);
    }

    @Test
    void reportsAnEmptyClusterWithOnlyTheApiTokenActive() {
        cluster.reset();

        JsonPath report = invokeOk(Map.of("now", NOW.toString())).extract().jsonPath();

        assertThat(report.getMap("counts")).containsAllEntriesOf(Map.of("total", 1, "active", 1, "dormant", 0,
                "noRecordedUse", 0, "excluded", 0, "enriched", 0));
        assertThat(report.getList("stale")).isEmpty();
        assertThat(report.getString("summary")).contains("No stale tokens.");
        assertThat(cluster.requests()).as(
                "the full list, the active and dormant ones in 3 pieces each, the API token's expiry")
                .hasSize(8);
    }

    @Test
    void runsFromAnEventBridgeScheduledEventWithItsTimeAsNow() {
        Map<String, Object> event = Map.of("version", "0", "id", "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa",
                "detail-type", "Scheduled Event", "source", "aws.events", "account", "123456789012",
                "time", "2026-11-01T00:00:00Z", "region", "eu-west-1",
                "resources", List.of("arn:aws:events:eu-west-1:123456789012:rule/nightly-token-hygiene"),
                "detail", Map.of());

        JsonPath report = invokeOk(event).extract().jsonPath();

        assertThat(report.getString("now")).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(report.getString("cutoff")).isEqualTo("2026-08-03T00:00:00Z");
        assertThat(report.getString("trigger"))
                .isEqualTo("scheduled event 53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa at 2026-11-01T00:00:00Z");
        assertThat(report.getInt("counts.dormant")).isEqualTo(4);
        assertThat(cluster.requests()).extracting(r -> r.queryParam("to")).filteredOn(to -> !to.isEmpty())
                .contains(List.of(String.valueOf(CUTOFF.toEpochMilli())));
    }

    @Test
    void takesTheScheduledTimeOfAScheduleAsNowAndAsTheRunsIdentity() {
        JsonPath report = invokeOk(Map.of("scheduledTime", "2026-11-01T00:00:00Z")).extract().jsonPath();

        assertThat(report.getString("now")).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(report.getString("cutoff")).isEqualTo(CUTOFF.toString());
        assertThat(report.getString("trigger")).isEqualTo("schedule at 2026-11-01T00:00:00Z");
        assertThat(cluster.requests()).extracting(r -> r.queryParam("to")).filteredOn(to -> !to.isEmpty())
                .contains(List.of(String.valueOf(CUTOFF.toEpochMilli())));
    }

    @Test
    void takesAScheduleFixedInputAsARequest() {
        JsonPath report = invokeOk(Map.of("staleAfter", "P30D", "now", NOW.toString())).extract().jsonPath();

        assertThat(report.getString("cutoff")).isEqualTo("2026-10-02T00:00:00Z");
        // The cutoff ends the dormant list's youngest piece (30 to 90 days); the others end at 7, 90, 180, 365 days.
        assertThat(cluster.requests()).extracting(r -> r.queryParam("to")).filteredOn(to -> !to.isEmpty())
                .contains(List.of(String.valueOf(NOW.minus(Duration.ofDays(30)).toEpochMilli())));
    }

    @Test
    void readsAStalePeriodInWeeksAsSevenDaysEach() {
        JsonPath report = invokeOk(Map.of("staleAfter", "P12W", "now", NOW.toString())).extract().jsonPath();

        assertThat(report.getString("staleAfter")).isEqualTo("P12W");
        assertThat(report.getString("cutoff")).isEqualTo(NOW.minus(Duration.ofDays(84)).toString());
        assertThat(report.getString("summary")).contains("(12 weeks before " + NOW + ")");
        assertThat(cluster.requests()).extracting(r -> r.queryParam("to")).filteredOn(to -> !to.isEmpty())
                .contains(List.of(String.valueOf(NOW.minus(Duration.ofDays(84)).toEpochMilli())));
        assertThat(report.getList("queries.purpose")).contains("active 30d-cutoff", "dormant cutoff-90d");
    }

    @Test
    void usesAnExplicitWindowStartAsTheCutoffAndItsEndAsNow() {
        Instant from = Instant.parse("2026-07-01T00:00:00Z");

        JsonPath report = invokeOk(Map.of("from", from.toString(), "to", NOW.toString(), "user", "alice",
                "permissions", List.of("DiagnosticExport"))).extract().jsonPath();

        assertThat(report.getString("cutoff")).isEqualTo(from.toString());
        assertThat(report.getString("now")).isEqualTo(NOW.toString());
        assertThat(report.getString("staleAfter")).isNull();
        assertThat(report.getInt("counts.total")).isEqualTo(1);
        assertThat(cluster.requests()).extracting(RecordedRequest::rawQuery).contains(
                "limit=1000000&user=alice&permissions=DiagnosticExport&from=" + (from.toEpochMilli() - 1) + "&to="
                        + NOW.minus(Duration.ofDays(90)).toEpochMilli(),
                "limit=1000000&user=alice&permissions=DiagnosticExport");
    }

    static List<Arguments> invalidRequests() {
        return List.of(
                Arguments.of("{\"staleAfter\":\"90 days\"}", "staleAfter: '90 days' is not a stale period: give a "
                        + "positive whole number of days (P90D), weeks (P12W) or hours (PT36H)"),
                Arguments.of("{\"staleAfter\":\"-P1D\"}", "staleAfter: '-P1D' is not a stale period"),
                Arguments.of("{\"staleAfter\":\"P0D\"}", "staleAfter: 'P0D' is not a stale period"),
                Arguments.of("{\"staleAfter\":\"P6M\"}", "staleAfter: 'P6M' is not a stale period: give a "
                        + "positive whole number of days (P90D), weeks (P12W) or hours (PT36H); months and years are "
                        + "not fixed lengths, give days"),
                Arguments.of("{\"staleAfter\":\"P1Y\"}", "staleAfter: 'P1Y' is not a stale period"),
                Arguments.of("{\"staleAfter\":\"P90D\",\"from\":\"2026-07-01T00:00:00Z\"}",
                        "staleAfter: cannot be combined with from/to"),
                Arguments.of("{\"to\":\"2026-07-01T00:00:00Z\"}", "to: requires from"),
                Arguments.of("{\"scheduledTime\":\"2026-11-01T03:00:00Z\",\"now\":\"2026-11-01T00:00:00Z\"}",
                        "scheduledTime: cannot be combined with now or to"),
                Arguments.of("{\"from\":\"2026-07-02T00:00:00Z\",\"to\":\"2026-07-01T00:00:00Z\"}",
                        "from: must be before to"),
                Arguments.of("{\"exclude\":[\"ci-*\",\"**\"]}", "exclude[1]: '**' matches every name"),
                Arguments.of("{\"exclude\":[\"?*\"]}", "exclude[0]: '?*' matches every name, which would exclude "
                        + "every token"),
                Arguments.of("{\"exclude\":[\"*?\"]}", "exclude[0]: '*?' matches every name"),
                Arguments.of("{\"exclude\":[\"*?*\"]}", "exclude[0]: '*?*' matches every name"),
                Arguments.of("{\"exclude\":[\"??*\"]}", "exclude[0]: '??*' matches every name of 2 characters or more"),
                Arguments.of("{\"exclude\":[\"\"]}", "exclude[0]: must not be blank"),
                Arguments.of("{\"exclude\":\"ci-*\"}", "exclude: expected a list"),
                Arguments.of("{\"now\":\"tomorrow\"}", "now: 'tomorrow' is neither epoch milliseconds"),
                Arguments.of("{\"permissions\":[\"Foo\"]}", "permissions[0]: 'Foo' is not a cluster token scope"),
                Arguments.of("{\"user\":\" \"}", "user: must not be blank"),
                Arguments.of("{\"stale_after\":\"P90D\"}", "stale_after: unknown field"),
                Arguments.of("{\"detail-type\":\"Object Created\",\"time\":\"2026-11-01T00:00:00Z\"}",
                        "detail-type: expected 'Scheduled Event'"),
                Arguments.of("{\"detail-type\":\"Scheduled Event\",\"detail\":{}}", "time: is required"),
                Arguments.of("{\"detail-type\":\"Scheduled Event\",\"time\":\"2026-11-01T00:00:00Z\","
                        + "\"detail\":{\"staleAfter\":\"soon\"}}", "detail.staleAfter: 'soon' is not"));
    }

    @ParameterizedTest
    @MethodSource("invalidRequests")
    void rejectsInvalidRequestBeforeCallingCluster(String payload, String expectedMessage) {
        assertThat(invokeFailing(payload)).startsWith("InvalidInputException: Invalid request: ")
                .contains(expectedMessage);
        assertThat(cluster.requests()).as("the cluster received nothing").isEmpty();
    }

    private SimulatedToken createdAt(SimulatedToken t, Instant created) {
        return cluster.add(new SimulatedToken(t.id(), t.name(), null, t.userId(), t.scopes(), created, t.expires(),
                t.lastUse(), false, false, t.secret()));
    }

    static String captureStdout(Runnable action) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                captured.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                captured.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
