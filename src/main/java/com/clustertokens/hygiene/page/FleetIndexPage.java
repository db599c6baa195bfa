package com.clustertokens.hygiene.page;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.clustertokens.hygiene.report.HygieneReport;

/**
 * The fleet's index page: one row per cluster with its counts and a link to its page, or the reason its run failed,
 * and the fleet's totals. Self-contained like {@link ReportPage}.
 */
public final class FleetIndexPage {

    /**
     * {@code href}: its page, relative to the index; {@code counts} and {@code href} are null when it failed,
     * {@code expiry} when its report did not scan expiry.
     */
    public record Entry(String cluster, HygieneReport.Counts counts, HygieneReport.ExpiryCounts expiry, String href,
            String failure) {

        public static Entry reported(String cluster, HygieneReport.Counts counts, HygieneReport.ExpiryCounts expiry,
                String href) {
            return new Entry(cluster, counts, expiry, href, null);
        }

        public static Entry failed(String cluster, String failure) {
            return new Entry(cluster, null, null, null, failure);
        }
    }

    private static final List<String> EXPIRY_COLUMNS = List.of("expiring soon in use", "expired", "never expire",
            "due for rotation", "expiry not read");

    /** A link the index follows: relative (no scheme) or https; anything else is shown without a link. */
    private static final Pattern SAFE_HREF = Pattern.compile("^(https://|(?![A-Za-z][A-Za-z0-9+.-]*:))[^\\s]*$");

    private FleetIndexPage() {
    }

    public static String render(String runId, Instant generatedAt, List<Entry> entries) {
        StringBuilder page = new StringBuilder(4096);
        page.append("<header><h1>Cluster token hygiene: fleet</h1>\n<p class=\"meta\">Run ").append(Html.text(runId))
                .append(", ").append(Html.time(generatedAt)).append(" · ").append(entries.size())
                .append(entries.size() == 1 ? " cluster" : " clusters");
        long failed = entries.stream().filter(e -> e.counts() == null).count();
        if (failed > 0) {
            page.append(" · <span class=\"fail\">").append(failed).append(" failed</span>");
        }
        page.append("</p></header>\n<table id=\"fleet\"><thead><tr><th>Cluster</th>");
        List<String> columns = columns(new HygieneReport.Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)).stream()
                .map(Map.Entry::getKey).toList();
        boolean expiry = entries.stream().anyMatch(e -> e.expiry() != null);
        columns.forEach(column -> page.append("<th class=\"num\">").append(column).append("</th>"));
        if (expiry) {
            EXPIRY_COLUMNS.forEach(column -> page.append("<th class=\"num\">").append(column).append("</th>"));
        }
        page.append("</tr></thead>\n<tbody>\n");
        long[] totals = new long[columns.size()];
        long[] expiryTotals = new long[EXPIRY_COLUMNS.size()];
        for (Entry entry : entries) {
            page.append("<tr><td>").append(link(entry)).append("</td>");
            if (entry.counts() == null) {
                page.append("<td class=\"fail\" colspan=\"").append(columns.size() + (expiry
                        ? EXPIRY_COLUMNS.size()
                        : 0))
                        .append("\">failed: ")
                        .append(Html.text(entry.failure())).append("</td></tr>\n");
                continue;
            }
            List<Map.Entry<String, Long>> values = columns(entry.counts());
            for (int i = 0; i < values.size(); i++) {
                totals[i] += values.get(i).getValue();
                page.append("<td class=\"num\">").append(Html.count(values.get(i).getValue())).append("</td>");
            }
            if (expiry) {
                expiryCells(page, entry.expiry(), expiryTotals);
            }
            page.append("</tr>\n");
        }
        page.append("</tbody>\n<tfoot><tr><th>all clusters</th>");
        for (long total : totals) {
            page.append("<th class=\"num\">").append(Html.count(total)).append("</th>");
        }
        for (int i = 0; expiry && i < expiryTotals.length; i++) {
            page.append("<th class=\"num\">").append(Html.count(expiryTotals[i])).append("</th>");
        }
        page.append("</tr></tfoot></table>\n");
        return Html.document("Token hygiene: fleet run " + runId, page);
    }

    /** The page's counts but the breakdown of the stale ones and the tokens deleted meanwhile. */
    private static List<Map.Entry<String, Long>> columns(HygieneReport.Counts counts) {
        return ReportPage.countsShown(counts).stream()
                .filter(c -> !List.of("dormant", "no recorded use", "deleted meanwhile").contains(c.getKey())).toList();
    }

    /** A cluster's expiry counts, added to {@code totals}; a dash in each when its report did not scan expiry. */
    private static void expiryCells(StringBuilder page, HygieneReport.ExpiryCounts expiry, long[] totals) {
        long[] values = expiry == null
                ? null
                : new long[]{expiry.expiringInUse(), expiry.expired(), expiry.neverExpires(), expiry.rotationDue(),
                        expiry.notRead()};
        for (int i = 0; i < totals.length; i++) {
            if (values != null) {
                totals[i] += values[i];
            }
            page.append("<td class=\"num\">").append(values == null ? "—" : Html.count(values[i])).append("</td>");
        }
    }

    private static String link(Entry entry) {
        String name = Html.text(entry.cluster());
        if (entry.href() == null || !SAFE_HREF.matcher(entry.href()).matches()) {
            return name;
        }
        return "<a href=\"" + Html.escape(entry.href()) + "\">" + name + "</a>";
    }
}
