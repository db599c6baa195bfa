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

    /** {@code href}: its page, relative to the index; {@code counts} and {@code href} are null when it failed. */
    public record Entry(String cluster, HygieneReport.Counts counts, String href, String failure) {

        public static Entry reported(String cluster, HygieneReport.Counts counts, String href) {
            return new Entry(cluster, counts, href, null);
        }

        public static Entry failed(String cluster, String failure) {
            return new Entry(cluster, null, null, failure);
        }
    }

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
        columns.forEach(column -> page.append("<th class=\"num\">").append(column).append("</th>"));
        page.append("</tr></thead>\n<tbody>\n");
        long[] totals = new long[columns.size()];
        for (Entry entry : entries) {
            page.append("<tr><td>").append(link(entry)).append("</td>");
            if (entry.counts() == null) {
                page.append("<td class=\"fail\" colspan=\"").append(columns.size()).append("\">failed: ")
                        .append(Html.text(entry.failure())).append("</td></tr>\n");
                continue;
            }
            List<Map.Entry<String, Long>> values = columns(entry.counts());
            for (int i = 0; i < values.size(); i++) {
                totals[i] += values.get(i).getValue();
                page.append("<td class=\"num\">").append(Html.count(values.get(i).getValue())).append("</td>");
            }
            page.append("</tr>\n");
        }
        page.append("</tbody>\n<tfoot><tr><th>all clusters</th>");
        for (long total : totals) {
            page.append("<th class=\"num\">").append(Html.count(total)).append("</th>");
        }
        page.append("</tr></tfoot></table>\n");
        return Html.document("Token hygiene: fleet run " + runId, page);
    }

    /** The page's counts but the breakdown of the stale ones and the tokens deleted meanwhile. */
    private static List<Map.Entry<String, Long>> columns(HygieneReport.Counts counts) {
        return ReportPage.countsShown(counts).stream()
                .filter(c -> !List.of("dormant", "no recorded use", "deleted meanwhile").contains(c.getKey())).toList();
    }

    private static String link(Entry entry) {
        String name = Html.text(entry.cluster());
        if (entry.href() == null || !SAFE_HREF.matcher(entry.href()).matches()) {
            return name;
        }
        return "<a href=\"" + Html.escape(entry.href()) + "\">" + name + "</a>";
    }
}
