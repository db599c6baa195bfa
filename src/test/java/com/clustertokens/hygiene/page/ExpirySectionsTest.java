package com.clustertokens.hygiene.page;

import static com.clustertokens.hygiene.page.PageFixtures.SECRET_PART;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExpirySectionsTest {

    private final String page = ReportPage.render(PageFixtures.reportWithExpiry());

    @Test
    void putsTheTokensInUseThatExpireSoonRightUnderTheCountsBeforeTheStaleTokens() {
        int counts = page.indexOf("<ul class=\"counts\">");
        int expiring = page.indexOf("<h2 id=\"expiring-in-use\">Expiring soon and in use</h2>");
        assertThat(counts).isPositive();
        assertThat(expiring).isGreaterThan(counts).isLessThan(page.indexOf("<h2 id=\"last-use\">"))
                .isLessThan(page.indexOf("<h2 id=\"stale\">"));
        String table = between("<table id=\"expiring-in-use-tokens\">", "</table>");
        assertThat(table).contains("<td>deploy-pipeline</td><td class=\"id\">h8</td><td>ci-bot</td>")
                .contains("<time datetime=\"2026-11-03T03:00:00Z\">").contains("(in 2 days)");
        assertThat(page).contains("1 token in use, expiring by <time datetime=\"2026-11-15T03:00:00Z\">");
    }

    @Test
    void countsTheScanAndListsTheExpiredTheDueForRotationAndTheNotRead() {
        String expiry = between("<h2 id=\"expiry\">Expiry</h2>", "<h2 id=\"excluded\"");
        assertThat(expiry).contains("<li><b>70</b><span>read</span></li>", "<li><b>2</b><span>expired</span></li>",
                "<li><b>40</b><span>never expire</span></li>", "<li><b>1</b><span>due for rotation</span></li>",
                "<li><b>6</b><span>not read</span></li>");
        assertThat(between("<table id=\"expired-tokens\">", "</table>")).contains("<td>lapsed</td>")
                .contains("(5 days ago)").contains("&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;");
        assertThat(between("<table id=\"rotation-due-tokens\">", "</table>")).contains("<th>Created</th>")
                .contains("<td>admin &lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;</td>")
                .contains("(400 days ago)").contains("<th>Rotate with</th>")
                .contains(
                        "<td><code>rotate-token {&quot;token&quot;:&quot;i9&quot;,&quot;format&quot;:&quot;text&quot;}"
                                + "</code></td>");
        assertThat(expiry).contains("1 of 6 listed (HYGIENE_REPORT_LIMIT)").contains("<span class=\"id\">k11</span>");
    }

    @Test
    void escapesAndMasksEveryValueItShows() {
        assertThat(page).doesNotContain(SECRET_PART).doesNotContain("<script>").doesNotContain("<b>mallory</b>")
                .contains("out of time: dt0c01.ABCDEFGHIJKLMNOPQRSTUVWX.&lt;redacted&gt;");
    }

    @Test
    void showsNoExpirySectionWhenTheScanDidNotRun() {
        String without = ReportPage.render(PageFixtures.report());
        assertThat(without).doesNotContain("id=\"expiring-in-use\"").doesNotContain("id=\"expiry\"");
    }

    private String between(String start, String end) {
        int from = page.indexOf(start);
        assertThat(from).as(start).isNotNegative();
        int to = page.indexOf(end, from);
        return page.substring(from, to < 0 ? page.length() : to);
    }
}
