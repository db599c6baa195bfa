package com.clustertokens.hygiene.page;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.clustertokens.hygiene.report.HygieneReport;
import com.clustertokens.hygiene.report.HygieneReport.StaleToken;

/** The sections of a {@link ReportPage} below its heading, each appended as safe HTML. */
final class ReportSections {

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

    static void staleTable(StringBuilder page, List<StaleRows.Row> rows, long count, Instant now, String csvHref) {
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
        for (StaleRows.Row row : rows) {
            StaleToken t = row.token();
            boolean read = row.metadataRead();
            page.append("<tr><td>").append(Html.text(t.name())).append("</td><td class=\"id\">")
                    .append(Html.text(t.id())).append("</td><td>").append(Html.text(row.state())).append("</td><td>")
                    .append(read ? Html.text(t.owner()) : "<span class=\"muted\">not read</span>").append("</td><td>")
                    .append(t.lastUse() != null
                            ? Html.time(t.lastUse()) + ReportPage.ago(t.lastUse(), now)
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
        list(page, section.notes());
    }

    static void change(StringBuilder page, ChangeSince change) {
        page.append("<h2 id=\"change\">Since the previous report (")
                .append(Html.time(change.previous().heading().now())).append(")</h2>\n");
        if (change.partial()) {
            page.append("<p class=\"muted\">A report lists fewer stale tokens than it counts: a token past its "
                    + "limit may show as new or gone.</p>\n");
        }
        tokens(page, "new-stale", "added", "Newly stale", change.newlyStale());
        tokens(page, "no-longer-stale", "removed", "No longer stale (used again, deleted or excluded)",
                change.noLongerStale());
    }

    private static void tokens(StringBuilder page, String id, String css, String title, List<StaleToken> tokens) {
        page.append("<h3 id=\"").append(id).append("\" class=\"").append(css).append("\">").append(title)
                .append(": ").append(Html.count(tokens.size())).append("</h3>\n");
        if (!tokens.isEmpty()) {
            page.append("<ul>");
            for (StaleToken t : tokens) {
                page.append("<li>").append(Html.text(t.name())).append(" <span class=\"muted\">")
                        .append(Html.text(t.id())).append("</span>")
                        .append(t.owner() != null ? " · " + Html.text(t.owner()) : "").append("</li>");
            }
            page.append("</ul>\n");
        }
    }

    static void exclusions(StringBuilder page, HygieneReport.Body body) {
        if (body.exclusions() == null || body.exclusions().isEmpty()) {
            return;
        }
        page.append("<h2 id=\"excluded\">Excluded (never reported as stale)</h2>\n<ul>");
        for (HygieneReport.Exclusion exclusion : body.exclusions()) {
            page.append("<li>").append(Html.text(exclusion.reason())).append(": ")
                    .append(Html.count(exclusion.excluded())).append("</li>");
        }
        page.append("</ul>\n");
    }

    static void notes(StringBuilder page, List<String> notes) {
        if (notes != null && !notes.isEmpty()) {
            page.append("<h2 id=\"notes\">Notes</h2>\n");
            list(page, notes);
        }
    }

    private static void list(StringBuilder page, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        page.append("<ul>");
        for (String item : items) {
            page.append("<li>").append(Html.text(item)).append("</li>");
        }
        page.append("</ul>\n");
    }
}
