package com.clustertokens.hygiene.page;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import com.clustertokens.hygiene.report.HygieneReport;

/**
 * The fleet's index page: one row per cluster with its counts and a link to its page, or the reason its run failed,
 * and the fleet's totals. Self-contained like {@link ReportPage}.
 */
public final class FleetIndexPage {

    /**
     * One cluster's line: its {@code cluster} name, its {@code counts} and {@code href}, the link to its page
     * relative to the index (both null when it failed), or {@code failure}, what went wrong.
     */
    public record Entry(String cluster, HygieneReport.Counts counts, String href, String failure) {

        /** A cluster whose report was written. */
        public static Entry reported(String cluster, HygieneReport.Counts counts, String href) {
            return new Entry(cluster, counts, href, null);
        }

        /** A cluster whose run failed, and why. */
        public static Entry failed(String cluster, String failure) {
            return new Entry(cluster, null, null, failure);
        }
    }

    /** A link the index follows: relative (no scheme) or https; anything else is shown without a link. */
    private static final Pattern SAFE_HREF = Pattern.compile("^(https://|(?![A-Za-z][A-Za-z0-9+.-]*:))[^\\s]*$");

    private FleetIndexPage() {
    }

    /** The index of one fleet run ({@code runId}, made at {@code generatedAt}). */
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
        String[] columns = {"total", "stale", "active", "new, not used yet", "unverified", "excluded", "revoked",
                "expiring soon"};
        for (String column : columns) {
            page.append("<th class=\"num\">").append(column).append("</th>");
        }
        page.append("</tr></thead>\n<tbody>\n");
        long[] totals = new long[columns.length];
        for (Entry entry : entries) {
            page.append("<tr><td>").append(link(entry)).append("</td>");
            if (entry.counts() == null) {
                page.append("<td class=\"fail\" colspan=\"").append(columns.length).append("\">failed: ")
                        .append(Html.text(entry.failure())).append("</td></tr>\n");
                continue;
            }
            long[] values = values(entry.counts());
            for (int i = 0; i < values.length; i++) {
                totals[i] += values[i];
                page.append("<td class=\"num\">").append(Html.count(values[i])).append("</td>");
            }
            page.append("</tr>\n");
        }
        page.append("</tbody>\n<tfoot><tr><th>all clusters</th>");
        for (long total : totals) {
            page.append("<th class=\"num\">").append(Html.count(total)).append("</th>");
        }
        page.append("</tr></tfoot></table>\n");
        return PageShell.document("Token hygiene: fleet run " + runId, page);
    }

    private static long[] values(HygieneReport.Counts c) {
        return new long[]{c.total(), c.dormant() + c.noRecordedUse(), c.active(), c.newUnused(), c.unverified(),
                c.excluded(), c.revoked(), c.expiring()};
    }

    private static String link(Entry entry) {
        String name = Html.text(entry.cluster());
        if (entry.href() == null || !SAFE_HREF.matcher(entry.href()).matches()) {
            return name;
        }
        return "<a href=\"" + Html.escape(entry.href()) + "\">" + name + "</a>";
    }
}
