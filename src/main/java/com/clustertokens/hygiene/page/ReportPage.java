package com.clustertokens.hygiene.page;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.clustertokens.hygiene.report.HygieneReport;

/**
 * A stale-tokens report as one self-contained HTML page: the counts, the tokens in use that expire soon, the last-use
 * histogram (inline SVG), the stale tokens oldest first, their owners ranked, the expiry of every token read, the remediation plan or actions when given, and the change since the
 * previous run when given. Every value from the cluster is masked and escaped ({@link Html}); no script.
 */
public final class ReportPage {

    /** Each but {@code report} optional; {@code csvHref}: the relative link to the CSV beside the page. */
    public record Input(HygieneReport report, HygieneReport previous, RemediationSection remediation,
            String csvHref) {
    }

    private ReportPage() {
    }

    public static String render(HygieneReport report) {
        return render(new Input(report, null, null, null));
    }

    public static String render(Input input) {
        HygieneReport report = input.report();
        HygieneReport.Heading run = report.heading();
        StringBuilder page = new StringBuilder(16_384);
        page.append("<header><h1>Cluster token hygiene: ").append(Html.text(cluster(report))).append("</h1>\n");
        page.append("<p class=\"meta\">stale: not used since ").append(Html.time(run.cutoff()))
                .append(run.staleAfter() != null
                        ? " (" + Html.text(run.staleAfter().describe()) + ")"
                        : " (explicit window)")
                .append(" · report of ").append(Html.time(run.now()))
                .append(" (").append(Html.text(run.trigger())).append("), written ")
                .append(Html.time(run.generatedAt())).append("</p></header>\n");
        HygieneReport.Body body = report.body();
        if (body.counts() == null) {
            page.append("<p class=\"warn\">This run did not read the cluster.</p>\n");
            ReportSections.notes(page, body.notes());
            return Html.document("Token hygiene: " + cluster(report), page);
        }
        if (body.mayBeIncomplete()) {
            page.append("<p class=\"warn\">A list query returned exactly its limit: the cluster may hold tokens this "
                    + "report never saw.</p>\n");
        }
        ReportSections.counts(page, body.counts());
        if (body.expiry() != null) {
            ExpirySections.expiringInUse(page, body.expiry(), run.now());
        }
        page.append("<h2 id=\"last-use\">Last use</h2>\n");
        if (body.lastUseAge() != null) {
            Duration staleAfter = run.staleAfter() != null ? run.staleAfter().length() : null;
            page.append(ReportSections.histogram(body.lastUseAge(), staleAfter));
        } else {
            page.append("<p class=\"muted\">Not counted in this run (HYGIENE_LAST_USE_HISTOGRAM).</p>\n");
        }
        List<StaleCsv.Row> rows = StaleCsv.rows(report);
        long staleCount = body.counts().dormant() + body.counts().noRecordedUse();
        ReportSections.staleTable(page, rows, staleCount, run.now(), input.csvHref());
        ReportSections.owners(page, StaleCsv.owners(rows), rows.size() < staleCount);
        if (body.expiry() != null) {
            ExpirySections.rest(page, body.expiry(), run.now());
        }
        if (input.remediation() != null) {
            ReportSections.remediation(page, input.remediation());
        }
        if (input.previous() != null && input.previous().body().counts() != null) {
            ReportSections.change(page, input.previous(), report);
        }
        ReportSections.exclusions(page, body);
        ReportSections.notes(page, body.notes());
        return Html.document("Token hygiene: " + cluster(report), page);
    }

    /** Its registry name in a fleet, its URL for the one cluster of the single-cluster variables ("default"). */
    public static String cluster(HygieneReport report) {
        String name = report.heading().cluster();
        return name == null || name.equals("default") ? report.heading().clusterUrl() : name;
    }

    static List<Map.Entry<String, Long>> countsShown(HygieneReport.Counts c) {
        return List.of(Map.entry("total", c.total()), Map.entry("stale", c.dormant() + c.noRecordedUse()),
                Map.entry("active", c.active()), Map.entry("dormant", c.dormant()),
                Map.entry("no recorded use", c.noRecordedUse()), Map.entry("new, not used yet", c.newUnused()),
                Map.entry("unverified", c.unverified()), Map.entry("excluded", c.excluded()),
                Map.entry("revoked", c.revoked()), Map.entry("expiring soon", c.expiring()),
                Map.entry("deleted meanwhile", c.deleted()));
    }
}
