package com.clustertokens.hygiene;

import static com.clustertokens.testing.Lambda.invokeOk;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.simulator.RecordedRequest;
import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.simulator.SimulatedToken;
import com.clustertokens.testing.ConsoleCapture;
import com.clustertokens.testing.Exports;
import com.clustertokens.testing.InjectSimulatedCluster;
import com.clustertokens.testing.SimulatedClusterResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** stale-tokens' last-use histogram (the census's lists cut at its bounds) and its page written to a folder. */
@QuarkusTest
@TestProfile(StaleTokensPageTest.WritingPages.class)
@WithTestResource(SimulatedClusterResource.class)
class StaleTokensPageTest {

    static final Path PAGES = Path.of("target", "stale-tokens-page-test");

    /** stale-tokens, writing its pages to {@link #PAGES}. */
    public static class WritingPages extends Exports.Export {
        public WritingPages() {
            super("stale-tokens", Map.of("hygiene.page-directory", PAGES.toString()));
        }
    }

    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
    private static final String BASE = "/api/cluster/v2/tokens";

    @InjectSimulatedCluster
    SimulatedCluster cluster;

    private SimulatedToken yearAndMore;

    @BeforeEach
    void seedCluster() throws IOException {
        cluster.withClock(Clock.fixed(NOW, ZoneOffset.UTC));
        cluster.reset();
        // With the API token (used by every request, at NOW): 3 under 7 days, the bound itself included.
        cluster.addToken("used-yesterday", "alice", List.of("DiagnosticExport"), daysAgo(1));
        cluster.addToken("used-exactly-7-days-ago", "alice", List.of("DiagnosticExport"), daysAgo(7));
        cluster.addToken("used-10-days-ago", "bob", List.of("DiagnosticExport"), daysAgo(10));
        cluster.addToken("used-60-days-ago", "bob", List.of("DiagnosticExport"), daysAgo(60));
        cluster.addToken("used-100-days-ago", "carol", List.of("DiagnosticExport"), daysAgo(100));
        cluster.addToken("used-200-days-ago", "carol", List.of("DiagnosticExport"), daysAgo(200));
        yearAndMore = cluster.addToken("<script>alert(1)</script>", "carol", List.of("DiagnosticExport"),
                daysAgo(400));
        created(cluster.addToken("never-used", "dan", List.of("DiagnosticExport"), null), daysAgo(500));
        created(cluster.addToken("never-used-new", "dan", List.of("DiagnosticExport"), null), daysAgo(2));
        cluster.addToken("InstallerDownload", "admin", List.of("UnattendedInstall"), null);
        cluster.clearRequests();
        if (Files.exists(PAGES)) {
            try (Stream<Path> files = Files.walk(PAGES)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    @Test
    void countsEveryTokenByLastUseAgeFromTheActiveAndDormantListsCutAtTheBounds() {
        JsonPath report = invokeOk(Map.of("now", NOW.toString())).extract().jsonPath();

        assertThat(report.getMap("lastUseAge")).containsExactlyInAnyOrderEntriesOf(Map.of("under7Days", 3,
                "from7To30Days", 1, "from30To90Days", 1, "from90To180Days", 1, "from180To365Days", 1, "overAYear", 1,
                "never", 3));
        assertThat(report.getInt("counts.total")).isEqualTo(11);
        assertThat(report.getMap("counts")).containsAllEntriesOf(Map.of("active", 5, "dormant", 3));
        // The 90-day bound is the cutoff: the active list in three pieces, the dormant one in three, no list more.
        assertThat(listQueries()).containsExactlyInAnyOrder("limit=1000000", "limit=1000000&from=" + (ms(7) - 1),
                "limit=1000000&from=" + (ms(30) - 1) + "&to=" + ms(7),
                "limit=1000000&from=" + (ms(90) - 1) + "&to=" + ms(30),
                "limit=1000000&from=" + (ms(180) - 1) + "&to=" + ms(90),
                "limit=1000000&from=" + (ms(365) - 1) + "&to=" + ms(180), "limit=1000000&to=" + ms(365));
        assertThat(report.getList("queries.purpose")).containsExactly("active <7d", "active 7d-30d",
                "active 30d-90d", "dormant 90d-180d", "dormant 180d-365d", "dormant >365d", "all");
        assertThat(report.getList("queries.returned")).containsExactly(3, 1, 1, 1, 1, 1, 11);
    }

    @Test
    void countsTheSameAgesWhateverTheStalePeriodAndCutsTheListsAtTheCutoffToo() {
        JsonPath report = invokeOk(Map.of("now", NOW.toString(), "staleAfter", "P60D")).extract().jsonPath();

        assertThat(report.getMap("lastUseAge")).containsAllEntriesOf(Map.of("under7Days", 3, "from7To30Days", 1,
                "from30To90Days", 1, "from90To180Days", 1, "from180To365Days", 1, "overAYear", 1, "never", 3));
        // used-60-days-ago is at the cutoff: active, and in the 30-90 days bucket, which spans both sides.
        assertThat(report.getMap("counts")).containsAllEntriesOf(Map.of("active", 5, "dormant", 3));
        assertThat(listQueries()).containsExactlyInAnyOrder("limit=1000000", "limit=1000000&from=" + (ms(7) - 1),
                "limit=1000000&from=" + (ms(30) - 1) + "&to=" + ms(7),
                "limit=1000000&from=" + (ms(60) - 1) + "&to=" + ms(30),
                "limit=1000000&from=" + (ms(90) - 1) + "&to=" + ms(60),
                "limit=1000000&from=" + (ms(180) - 1) + "&to=" + ms(90),
                "limit=1000000&from=" + (ms(365) - 1) + "&to=" + ms(180), "limit=1000000&to=" + ms(365));
        assertThat(report.getList("queries.purpose")).containsExactly("active <7d", "active 7d-30d",
                "active 30d-cutoff", "dormant cutoff-90d", "dormant 90d-180d", "dormant 180d-365d", "dormant >365d",
                "all");
        assertThat(report.getList("queries.returned")).containsExactly(3, 1, 1, 0, 1, 1, 1, 11);
    }

    @Test
    void putsATokenUsedExactlyAtABoundInTheYoungerBucketAndOneMillisecondOlderInTheOlderOne() {
        cluster.reset();
        for (int days : List.of(7, 30, 90, 180, 365)) {
            cluster.addToken("at-" + days, "erin", List.of("DiagnosticExport"), daysAgo(days));
            cluster.addToken("1ms-younger-than-" + days, "erin", List.of("DiagnosticExport"),
                    daysAgo(days).plusMillis(1));
            cluster.addToken("1ms-older-than-" + days, "erin", List.of("DiagnosticExport"),
                    daysAgo(days).minusMillis(1));
        }
        cluster.clearRequests();

        JsonPath report = invokeOk(Map.of("now", NOW.toString())).extract().jsonPath();

        // Under 7 days: the API token (used at NOW), 1 ms younger than 7 days and exactly 7 days; each bucket after
        // holds the one 1 ms older than its younger bound and the two at or 1 ms younger than its older bound.
        assertThat(report.getMap("lastUseAge")).containsExactlyInAnyOrderEntriesOf(Map.of("under7Days", 3,
                "from7To30Days", 3, "from30To90Days", 3, "from90To180Days", 3, "from180To365Days", 3, "overAYear", 1,
                "never", 0));
        // 90 days is the cutoff: exactly 90 days is active, 1 ms older is dormant.
        assertThat(report.getMap("counts")).containsAllEntriesOf(Map.of("total", 16, "active", 9, "dormant", 7));
        assertThat(report.getList("queries.returned")).containsExactly(3, 3, 3, 3, 3, 1, 16);
        assertThat(listQueries()).contains("limit=1000000&from=" + (ms(7) - 1),
                "limit=1000000&from=" + (ms(90) - 1) + "&to=" + ms(30), "limit=1000000&to=" + ms(365));
    }

    @Test
    void writesThePageCsvAndJsonToTheFolderLogsTheirPathsAndComparesWithTheRunBefore() throws IOException {
        String cluster = "127.0.0.1-" + this.cluster.url().replaceFirst(".*:", "");
        Path page = PAGES.resolve(cluster + ".html");
        Path csv = PAGES.resolve(cluster + ".stale.csv");
        invokeOk(Map.of("now", NOW.toString()));
        SimulatedToken t = yearAndMore; // used again since: no longer stale
        this.cluster.add(new SimulatedToken(t.id(), t.name(), null, t.userId(), t.scopes(), t.created(), t.expires(),
                NOW, false, false, t.secret()));

        String log;
        ConsoleCapture console = ConsoleCapture.start();
        try {
            invokeOk(Map.of("now", NOW.toString()));
            log = console.text();
        } finally {
            console.close();
        }

        assertThat(log).contains("Report page: " + page.toAbsolutePath())
                .contains("Stale tokens CSV: " + csv.toAbsolutePath());
        String html = Files.readString(page, StandardCharsets.UTF_8);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg class=\"histogram\"")
                .contains("data-bucket=\"over a year\" data-count=\"0\"")
                .contains("No longer stale (used again, deleted or excluded): 1")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");
        assertThat(Files.readAllLines(csv, StandardCharsets.UTF_8)).first().isEqualTo("name,id,state,owner,lastUse,"
                + "created,expires,expiry,rotate");
        // The in-use token named like markup is in the CSV only as an expiry row (text to a spreadsheet), not as stale.
        assertThat(Files.readAllLines(csv, StandardCharsets.UTF_8)).anyMatch(l -> l.contains("used-200-days-ago"))
                .filteredOn(l -> l.contains("alert(1)")).singleElement().asString().contains(",active,")
                .contains(",rotationDue,\"rotate-token {\"\"token\"\":\"\"").doesNotContain("redacted").endsWith(
                        "\"\",\"\"format\"\":\"\"text\"\"}\"");
        assertThat(PAGES.resolve(cluster + ".json")).isRegularFile();
        try (Stream<Path> files = Files.list(PAGES)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no partial file left")
                    .containsExactlyInAnyOrder(cluster + ".html", cluster + ".stale.csv", cluster + ".json");
        }
    }

    private List<String> listQueries() {
        return cluster.requests().stream().filter(r -> r.path().equals(BASE)).map(RecordedRequest::rawQuery)
                .toList();
    }

    private static long ms(int daysBeforeNow) {
        return daysAgo(daysBeforeNow).toEpochMilli();
    }

    private static Instant daysAgo(int days) {
        return NOW.minus(Duration.ofDays(days));
    }

    private void created(SimulatedToken t, Instant at) {
        cluster.add(new SimulatedToken(t.id(), t.name(), null, t.userId(), t.scopes(), at, t.expires(), t.lastUse(),
                false, false, t.secret()));
    }
}
