package com.clustertokens.hygiene.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.clustertokens.hygiene.report.HygieneReport;

class FleetIndexPageTest {

    private static final HygieneReport.Counts PROD = new HygieneReport.Counts(100, 80, 5, 3, 2, 1, 9, 0, 8, 1, 2, 0);
    private static final HygieneReport.Counts PRE = new HygieneReport.Counts(20, 10, 4, 1, 0, 0, 5, 0, 5, 0, 0, 0);

    private final String page = FleetIndexPage.render("2026-11-01T03:00:00Z", PageFixtures.NOW, List.of(
            FleetIndexPage.Entry.reported("prod", PROD, null, "prod.html"),
            FleetIndexPage.Entry.reported("pre<prod>", PRE, null, "pre-prod.html"),
            FleetIndexPage.Entry.failed("emea", "ClusterUnavailableException: connect timed out <b>x</b> "
                    + PageFixtures.PASTED_SECRET)));

    @Test
    void linksEachClusterPageWithItsCountsAndTotalsThem() {
        assertThat(page).contains("<a href=\"prod.html\">prod</a>")
                .contains("<a href=\"pre-prod.html\">pre&lt;prod&gt;</a>")
                // total, stale (dormant + no recorded use), active, new, unverified, excluded, revoked, expiring
                .contains("<td class=\"num\">100</td><td class=\"num\">8</td><td class=\"num\">80</td>")
                .contains("<tfoot><tr><th>all clusters</th><th class=\"num\">120</th><th class=\"num\">13</th>"
                        + "<th class=\"num\">90</th>")
                .contains("3 clusters · <span class=\"fail\">1 failed</span>");
    }

    @Test
    void showsAFailedClusterWithItsReasonEscapedAndMasked() {
        assertThat(page).contains("<tr><td>emea</td><td class=\"fail\" colspan=\"8\">failed: "
                + "ClusterUnavailableException: connect timed out &lt;b&gt;x&lt;/b&gt; "
                + "dt0c01.ABCDEFGHIJKLMNOPQRSTUVWX.&lt;redacted&gt;</td></tr>")
                .doesNotContain(PageFixtures.SECRET_PART);
    }

    @Test
    void followsOnlyRelativeOrHttpsLinks() {
        String links = FleetIndexPage.render("r", PageFixtures.NOW, List.of(
                FleetIndexPage.Entry.reported("a", PRE, null, "javascript:alert(1)"),
                FleetIndexPage.Entry.reported("b", PRE, null, "data:text/html,<x>"),
                FleetIndexPage.Entry.reported("c", PRE, null,
                        "https://eu-west-1.console.aws.amazon.com/s3/object/b?x=1&y"),
                FleetIndexPage.Entry.reported("d", PRE, null, "runs/2026-11-01/d.html")));
        assertThat(links).doesNotContain("javascript:").doesNotContain("href=\"data:")
                .contains("<a href=\"https://eu-west-1.console.aws.amazon.com/s3/object/b?x=1&amp;y\">c</a>")
                .contains("<a href=\"runs/2026-11-01/d.html\">d</a>").contains("<tr><td>a</td>");
    }

    @Test
    void addsEachClustersExpiryCountsAndTheirTotalsWithADashWhereAReportDidNotScanExpiry() {
        String withExpiry = FleetIndexPage.render("r", PageFixtures.NOW, List.of(
                FleetIndexPage.Entry.reported("prod", PROD, new HygieneReport.ExpiryCounts(2, 1, 40, 3, 0),
                        "prod.html"),
                FleetIndexPage.Entry.reported("pre", PRE, null, "pre.html"),
                FleetIndexPage.Entry.reported("dev", PRE, new HygieneReport.ExpiryCounts(1, 0, 5, 0, 7), "dev.html"),
                FleetIndexPage.Entry.failed("emea", "connect timed out")));

        assertThat(withExpiry).contains("<th class=\"num\">expiring soon in use</th><th class=\"num\">expired</th>"
                + "<th class=\"num\">never expire</th><th class=\"num\">due for rotation</th>"
                + "<th class=\"num\">expiry not read</th></tr>")
                .contains("<td class=\"num\">2</td><td class=\"num\">1</td><td class=\"num\">40</td>"
                        + "<td class=\"num\">3</td><td class=\"num\">0</td></tr>")
                .contains("<td class=\"num\">—</td><td class=\"num\">—</td><td class=\"num\">—</td>"
                        + "<td class=\"num\">—</td><td class=\"num\">—</td></tr>")
                .contains("<th class=\"num\">3</th><th class=\"num\">1</th><th class=\"num\">45</th>"
                        + "<th class=\"num\">3</th><th class=\"num\">7</th></tr></tfoot>")
                .contains("colspan=\"13\">failed: connect timed out");
        assertThat(page).as("no expiry columns when no report scanned expiry").doesNotContain("expiry not read");
    }
}
