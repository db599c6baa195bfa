package com.clustertokens.fleet;

import java.util.List;

import com.clustertokens.hygiene.report.HygieneReport;
import com.clustertokens.remediation.RunOutcome;

/**
 * The fleet run's chat summary: one line per cluster (with what its remediation did tonight), the totals, and where
 * each report is.
 */
final class FleetText {

    private FleetText() {
    }

    /**
     * The summary of a run: a heading, a line per cluster in the order given, then the totals; {@code restore} is the
     * restore command shown when tokens were revoked tonight.
     */
    static String summary(String runId, List<FleetSummary.Line> lines, HygieneReport.Counts totals, String index,
            String restore) {
        long failed = lines.stream().filter(l -> ClusterOutcome.FAILED.equals(l.status())).count();
        StringBuilder text = new StringBuilder();
        text.append("*Cluster token hygiene*, fleet run ").append(runId).append(": ").append(lines.size())
                .append(lines.size() == 1 ? " cluster" : " clusters").append('\n');
        for (FleetSummary.Line line : lines) {
            text.append("• ").append(line.cluster()).append(": ");
            if (ClusterOutcome.FAILED.equals(line.status())) {
                text.append("failed, ").append(line.error());
            } else {
                text.append(line.stale()).append(" stale of ").append(line.total()).append(" tokens");
                if (line.link() != null) {
                    text.append(" (report: ").append(line.link()).append(')');
                }
            }
            text.append('\n');
            RemediationText.lines(line.remediation()).forEach(l -> text.append("  ").append(l).append('\n'));
        }
        text.append("Total: ").append(totals.dormant() + totals.noRecordedUse()).append(" stale of ")
                .append(totals.total()).append(" tokens in ").append(lines.size() - failed).append(" reported ")
                .append(lines.size() - failed == 1 ? "cluster" : "clusters");
        if (failed > 0) {
            text.append("; ").append(failed).append(failed == 1 ? " cluster" : " clusters").append(" failed");
        }
        List<RunOutcome> remediated = lines.stream().map(FleetSummary.Line::remediation).toList();
        String remediation = RemediationText.totals(remediated);
        if (remediation != null) {
            text.append('\n').append(remediation);
        }
        if (RemediationText.revoked(remediated) > 0) {
            text.append("\nTo restore a token revoked tonight: `").append(restore).append("` (ids on each cluster's "
                    + "page)");
        }
        text.append("\nRun index: ").append(index);
        return text.toString();
    }

    /** The counts of every reported cluster added up. */
    static HygieneReport.Counts total(List<HygieneReport.Counts> counts) {
        long[] sum = new long[12];
        for (HygieneReport.Counts c : counts) {
            long[] each = {c.total(), c.active(), c.dormant(), c.noRecordedUse(), c.newUnused(), c.unverified(),
                    c.excluded(), c.deleted(), c.enriched(), c.revoked(), c.expiring(), c.unreadable()};
            for (int i = 0; i < sum.length; i++) {
                sum[i] += each[i];
            }
        }
        return new HygieneReport.Counts(sum[0], sum[1], sum[2], sum[3], sum[4], sum[5], sum[6], sum[7], sum[8],
                sum[9], sum[10], sum[11]);
    }
}
