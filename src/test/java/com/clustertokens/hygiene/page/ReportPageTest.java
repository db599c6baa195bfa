package com.clustertokens.hygiene.page;

import static com.clustertokens.hygiene.page.PageFixtures.PASTED_SECRET;
import static com.clustertokens.hygiene.page.PageFixtures.SECRET_PART;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.clustertokens.hygiene.report.HygieneReport;

class ReportPageTest {

    private final String page = ReportPage.render(new ReportPage.Input(PageFixtures.report(),
            PageFixtures.previous(), PageFixtures.remediation(), "managed.example.com.stale.csv"));

    @Test
    void isOneSelfContainedDocumentThatLoadsAndRunsNothing() {
        assertThat(page).startsWith("<!DOCTYPE html>").endsWith("</html>\n")
                .contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                        + "style-src 'unsafe-inline'; img-src data:\">");
        assertThat(page.toLowerCase()).doesNotContain("<script").doesNotContain("<link").doesNotContain("@import")
                .doesNotContain("src=\"http").doesNotContain("url(").doesNotContain("onerror=")
                .doesNotContain("javascript:");
    }

    @Test
    void escapesEveryNameAndOwnerSoMarkupIsText() {
        assertThat(page).contains("&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;")
                .contains("&lt;b&gt;mallory&lt;/b&gt;").doesNotContain("<b>mallory</b>")
                .contains("=HYPERLINK(&quot;http://evil.example&quot;,&quot;x&quot;)");
    }

    @Test
    void neverShowsASecretPastedIntoANameOrANoteOnlyItsIdentifier() {
        assertThat(page).doesNotContain(PASTED_SECRET).doesNotContain(SECRET_PART)
                .contains("backup dt0c01.ABCDEFGHIJKLMNOPQRSTUVWX.&lt;redacted&gt;");
        assertThat(StaleCsv.of(PageFixtures.report())).doesNotContain(SECRET_PART);
    }

    @Test
    void drawsOneBarPerBucketWithHeightsProportionalToTheCounts() {
        Matcher bars = Pattern.compile("<rect class=\"bar (\\w+)\" data-bucket=\"([^\"]+)\" data-count=\"(\\d+)\""
                + " x=\"\\d+\" y=\"\\d+\" width=\"84\" height=\"(\\d+)\"").matcher(page);
        List<String> buckets = new java.util.ArrayList<>();
        List<String> kinds = new java.util.ArrayList<>();
        while (bars.find()) {
            kinds.add(bars.group(1));
            buckets.add(bars.group(2));
            long count = Long.parseLong(bars.group(3));
            assertThat(Long.parseLong(bars.group(4))).as(bars.group(2))
                    .isEqualTo(Math.round(count * 180.0 / 40));
        }
        assertThat(buckets).containsExactly("under 7 days", "7–30 days", "30–90 days", "90–180 days",
                "180–365 days", "over a year", "never");
        assertThat(kinds).as("past the 90-day stale period in the stale colour")
                .containsExactly("used", "used", "used", "stale", "stale", "stale", "never");
    }

    @Test
    void listsStaleTokensOfEverySectionOldestUseFirstAndUnreadOnesLast() {
        List<String> ids = cells("<td class=\"id\">([^<]*)</td>", section("stale-tokens"));
        assertThat(ids).containsExactly("a1", "b2", "c3", "g7", "d4", "f6", "e5");
        assertThat(section("stale-tokens")).contains("<td>revoked</td>").contains("<td>expiring soon</td>")
                .contains("<td>never used</td>");
    }

    @Test
    void ranksOwnersByStaleTokensAndCountsUnreadOnesApart() {
        List<String> owners = cells("<tr><td>([^<]*)</td><td class=\"num\">", section("owners-ranked"));
        assertThat(owners).containsExactly("bob", "&lt;b&gt;mallory&lt;/b&gt;", "alice", "carol", "pete",
                "(metadata not read)");
        assertThat(section("owners-ranked")).contains("<tr><td>bob</td><td class=\"num\">2</td></tr>");
    }

    @Test
    void showsWhatChangedSinceThePreviousRunByTokenId() {
        assertThat(page).contains("Newly stale: 6").contains("No longer stale (used again, deleted or excluded): 1")
                .contains("deleted-since");
        String added = page.substring(page.indexOf("id=\"new-stale\""), page.indexOf("id=\"no-longer-stale\""));
        assertThat(added).doesNotContain("build-agent").contains("rotated-out");
    }

    @Test
    void showsTheRemediationRowsGivenAndLinksTheCsv() {
        assertThat(section("remediation-rows")).contains("<td>revoke</td>").contains("<td>delete</td>")
                .contains("unused for 380 days");
        assertThat(page).contains("Remediation: plan, nothing done until applied")
                .contains("<a href=\"managed.example.com.stale.csv\" download>");
    }

    @Test
    void saysSoWhenTheRunDidNotReadTheClusterOrTookNoHistogram() {
        HygieneReport replay = new HygieneReport(PageFixtures.heading(PageFixtures.NOW),
                HygieneReport.Body.notRead("an earlier attempt built the report")).withSummary("summary");
        assertThat(ReportPage.render(replay)).contains("This run did not read the cluster")
                .contains("an earlier attempt built the report").doesNotContain("<svg");

        HygieneReport report = PageFixtures.report();
        HygieneReport.Body b = report.body();
        HygieneReport noAges = new HygieneReport(report.heading(), new HygieneReport.Body(b.counts(), null,
                b.stale(), b.expiring(), b.revoked(), b.excluded(), b.exclusions(), b.queries(), b.notes(),
                b.truncated(), b.mayBeIncomplete()));
        assertThat(ReportPage.render(noAges)).doesNotContain("<svg")
                .contains("Not counted in this run (HYGIENE_LAST_USE_HISTOGRAM)");
    }

    private String section(String id) {
        int start = page.indexOf("id=\"" + id + "\"");
        assertThat(start).as(id).isPositive();
        return page.substring(start, page.indexOf("</table>", start));
    }

    private static List<String> cells(String regex, String html) {
        Matcher m = Pattern.compile(regex).matcher(html);
        List<String> found = new java.util.ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
