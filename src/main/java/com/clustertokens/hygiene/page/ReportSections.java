package com.clustertokens.hygiene.page;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.clustertokens.hygiene.report.HygieneReport;
import com.clustertokens.hygiene.report.HygieneReport.LastUseAges;
import com.clustertokens.hygiene.report.HygieneReport.StaleToken;

/** The sections of a {@link ReportPage} below its heading, each appended as safe HTML. */
final class ReportSections {

    /** Height of the tallest bar, in SVG units (pixels at 100 % zoom). */
    static final int PLOT_HEIGHT = 180;

    static final List<String> LABELS = List.of("under 7 days", "7–30 days", "30–90 days", "90–180 days",
            "180–365 days", "over a year", "never");

    private static final int BAR_WIDTH = 84;
    private static final int GAP = 24;
    private static final int TOP = 24;
    private static final int BOTTOM = 40;

    private ReportSections() {
    }

    static void counts(StringBuilder page, HygieneReport.Counts counts) {
        page.append("<ul class=\"counts\">");
        for (Map.Entry<String, Long> count : ReportPage.countsShown(counts)) {
            page.append("<li").append(count.getKey().equals("stale") ? " class=\"stale\"" : "").append("><b>")
                    .append(Html.count(count.getValue())).append("</b><span>").append(count.getKey())
                    .append("</span></li>");
        }
        page.append("</ul>\n");
    }

    static void staleTable(StringBuilder page, List<StaleCsv.Row> rows, long count, Instant now, String csvHref) {
        page.append("<h2 id=\"stale\">Stale tokens, oldest use first</h2>\n<p>");
        page.append(rows.size() < count
                ? Html.count(rows.size()) + " of " + Html.count(count) + " listed (HYGIENE_REPORT_LIMIT)"
                : Html.count(count) + (count == 1 ? " token" : " tokens"));
        if (csvHref != null) {
            page.append(" · <a href=\"").append(Html.text(csvHref)).append("\" download>CSV for spreadsheets</a>");
        }
        page.append("</p>\n");
        if (rows.isEmpty()) {
            return;
        }
        page.append("<table id=\"stale-tokens\"><thead><tr><th>Name</th><th>Id</th><th>State</th><th>Owner</th>"
                + "<th>Last use</th><th>Created</th><th>Expires</th></tr></thead>\n<tbody>\n");
        for (StaleCsv.Row row : rows) {
            StaleToken t = row.token();
            boolean read = row.metadataRead();
            page.append("<tr><td>").append(Html.text(t.name())).append("</td><td class=\"id\">")
                    .append(Html.text(t.id())).append("</td><td>").append(Html.text(row.state())).append("</td><td>")
                    .append(read ? Html.text(t.owner()) : "<span class=\"muted\">not read</span>").append("</td><td>")
                    .append(t.lastUse() != null
                            ? Html.time(t.lastUse()) + " <span class=\"muted\">(" + Html.ago(t.lastUse(), now)
                                    + ")</span>"
                            : read ? "never" : "<span class=\"muted\">not read</span>")
                    .append("</td><td>").append(Html.time(t.created())).append("</td><td>")
                    .append(t.expires() != null ? Html.time(t.expires()) : read ? "never" : "—")
                    .append("</td></tr>\n");
        }
        page.append("</tbody></table>\n");
    }

    static void owners(StringBuilder page, List<Map.Entry<String, Long>> owners, boolean partial) {
        page.append("<h2 id=\"owners\">Owners of stale tokens</h2>\n");
        if (owners.isEmpty()) {
            page.append("<p>No stale tokens.</p>\n");
            return;
        }
        if (partial) {
            page.append("<p class=\"muted\">Of the stale tokens listed above.</p>\n");
        }
        page.append("<table id=\"owners-ranked\"><thead><tr><th>Owner</th><th class=\"num\">Stale tokens</th></tr>"
                + "</thead>\n<tbody>\n");
        for (Map.Entry<String, Long> owner : owners) {
            page.append("<tr><td>").append(Html.text(owner.getKey())).append("</td><td class=\"num\">")
                    .append(Html.count(owner.getValue())).append("</td></tr>\n");
        }
        page.append("</tbody></table>\n");
    }

    static void remediation(StringBuilder page, RemediationSection section) {
        page.append("<h2 id=\"remediation\">Remediation: ").append(Html.text(section.heading())).append("</h2>\n");
        if (section.rows().isEmpty()) {
            page.append("<p>Nothing to do.</p>\n");
        } else {
            page.append("<table id=\"remediation-rows\"><thead><tr><th>Name</th><th>Id</th><th>Owner</th>"
                    + "<th>Action</th><th>Reason</th><th>When</th></tr></thead>\n<tbody>\n");
            for (RemediationSection.Row row : section.rows()) {
                page.append("<tr><td>").append(Html.text(row.name())).append("</td><td class=\"id\">")
                        .append(Html.text(row.tokenId())).append("</td><td>").append(Html.text(row.owner()))
                        .append("</td><td>").append(Html.text(row.action())).append("</td><td>")
                        .append(Html.text(row.reason())).append("</td><td>").append(Html.time(row.when()))
                        .append("</td></tr>\n");
            }
            page.append("</tbody></table>\n");
        }
        list(page, section.notes().stream().map(Html::text).toList());
    }

    /**
     * What changed in the stale list since {@code previous}, by token id: tokens stale now that were not listed then,
     * and tokens listed then that are not now (used again, deleted, excluded, or revoked and deleted by someone).
     */
    static void change(StringBuilder page, HygieneReport previous, HygieneReport current) {
        Map<String, StaleToken> before = byId(previous);
        Map<String, StaleToken> now = byId(current);
        page.append("<h2 id=\"change\">Since the previous report (").append(Html.time(previous.heading().now()))
                .append(")</h2>\n");
        if (previous.body().truncated() || current.body().truncated()) {
            page.append("<p class=\"muted\">A report lists fewer stale tokens than it counts: a token past its "
                    + "limit may show as new or gone.</p>\n");
        }
        tokens(page, "new-stale", "added", "Newly stale",
                now.values().stream().filter(t -> !before.containsKey(t.id())).toList());
        tokens(page, "no-longer-stale", "removed", "No longer stale (used again, deleted or excluded)",
                before.values().stream().filter(t -> !now.containsKey(t.id())).toList());
    }

    private static Map<String, StaleToken> byId(HygieneReport report) {
        Map<String, StaleToken> tokens = new LinkedHashMap<>();
        StaleCsv.rows(report).forEach(row -> tokens.put(row.token().id(), row.token()));
        return tokens;
    }

    private static void tokens(StringBuilder page, String id, String css, String title, List<StaleToken> tokens) {
        page.append("<h3 id=\"").append(id).append("\" class=\"").append(css).append("\">").append(title)
                .append(": ").append(Html.count(tokens.size())).append("</h3>\n");
        list(page, tokens.stream().map(t -> Html.text(t.name()) + " <span class=\"muted\">" + Html.text(t.id())
                + "</span>" + (t.owner() != null ? " · " + Html.text(t.owner()) : "")).toList());
    }

    static void exclusions(StringBuilder page, HygieneReport.Body body) {
        if (body.exclusions() != null && !body.exclusions().isEmpty()) {
            page.append("<h2 id=\"excluded\">Excluded (never reported as stale)</h2>\n");
            list(page, body.exclusions().stream().map(e -> Html.text(e.reason()) + ": " + Html.count(e.excluded()))
                    .toList());
        }
    }

    static void notes(StringBuilder page, List<String> notes) {
        if (notes != null && !notes.isEmpty()) {
            page.append("<h2 id=\"notes\">Notes</h2>\n");
            list(page, notes.stream().map(Html::text).toList());
        }
    }

    /** A list of {@code items}, each already safe HTML; nothing when there are none. */
    private static void list(StringBuilder page, List<String> items) {
        if (!items.isEmpty()) {
            page.append("<ul>");
            items.forEach(item -> page.append("<li>").append(item).append("</li>"));
            page.append("</ul>\n");
        }
    }

    /**
     * The last-use histogram as inline SVG: one bar per bucket, its height proportional to its count, with its count
     * above and its label below. Buckets at or past the stale period ({@code staleAfter}; null for a window report:
     * none) are drawn in the stale colour, "never" in grey.
     */
    static String histogram(LastUseAges ages, Duration staleAfter) {
        List<Long> counts = ages.asList();
        long max = counts.stream().mapToLong(Long::longValue).max().orElse(0);
        int width = counts.size() * (BAR_WIDTH + GAP) + GAP;
        int height = TOP + PLOT_HEIGHT + BOTTOM;
        int baseline = TOP + PLOT_HEIGHT;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT, """
                <svg class="histogram" role="img" xmlns="http://www.w3.org/2000/svg" width="%1$d" height="%2$d" \
                viewBox="0 0 %1$d %2$d" aria-labelledby="histogram-title">
                <title id="histogram-title">Tokens by age of last use</title>
                <line x1="%3$d" y1="%4$d" x2="%5$d" y2="%4$d" stroke="#8a93a3"/>
                """, width, height, GAP / 2, baseline, width - GAP / 2));
        for (int i = 0; i < counts.size(); i++) {
            long count = counts.get(i);
            int barHeight = barHeight(count, max);
            int x = GAP + i * (BAR_WIDTH + GAP);
            svg.append(String.format(Locale.ROOT, "<g class=\"bucket\"><rect class=\"bar %s\" data-bucket=\"%s\" "
                    + "data-count=\"%d\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\">"
                    + "<title>%2$s: %s tokens</title></rect>"
                    + "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%8$s</text>"
                    + "<text x=\"%9$d\" y=\"%d\" text-anchor=\"middle\">%2$s</text></g>\n",
                    kind(i, staleAfter), LABELS.get(i), count, x, baseline - barHeight, BAR_WIDTH, barHeight,
                    Html.count(count), x + BAR_WIDTH / 2, baseline - barHeight - 6, baseline + 18));
        }
        return svg.append("</svg>\n").toString();
    }

    /** The bar's height: proportional to the count, the largest {@link #PLOT_HEIGHT}; 0 only for 0. */
    static int barHeight(long count, long max) {
        if (count == 0 || max == 0) {
            return 0;
        }
        return (int) Math.max(1, Math.round((double) count * PLOT_HEIGHT / max));
    }

    private static String kind(int bucket, Duration staleAfter) {
        if (bucket == LABELS.size() - 1) {
            return "never";
        }
        if (staleAfter == null || bucket == 0) {
            return "used";
        }
        long youngestDays = LastUseAges.BOUNDS_IN_DAYS.get(bucket - 1);
        return Duration.ofDays(youngestDays).compareTo(staleAfter) >= 0 ? "stale" : "used";
    }
}
