package com.clustertokens.fleet;

import java.util.ArrayList;
import java.util.List;

import com.clustertokens.hygiene.report.HygieneReport;
import com.clustertokens.remediation.RunOutcome;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The fleet run's chat summary: one line per cluster in the order given, with what its remediation did tonight. */
final class FleetText {

    private FleetText() {
    }

    static String summary(String runId, List<FleetSummary.Line> lines, HygieneReport.Counts totals,
            HygieneReport.ExpiryCounts expiry, String index, String restore) {
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
                if (line.expiry() != null && !line.expiry().describe().isEmpty()) {
                    text.append("; ").append(line.expiry().describe());
                }
                if (line.link() != null) {
                    text.append(" (report: ").append(line.link()).append(')');
                }
            }
            text.append('\n');
            lines(line.remediation()).forEach(l -> text.append("  ").append(l).append('\n'));
        }
        text.append("Total: ").append(totals.dormant() + totals.noRecordedUse()).append(" stale of ")
                .append(totals.total()).append(" tokens in ").append(lines.size() - failed).append(" reported ")
                .append(lines.size() - failed == 1 ? "cluster" : "clusters");
        if (failed > 0) {
            text.append("; ").append(failed).append(failed == 1 ? " cluster" : " clusters").append(" failed");
        }
        if (expiry != null) {
            text.append("\nExpiry over the fleet: ").append(expiry.describe().isEmpty()
                    ? "nothing expiring, expired or due"
                    : expiry.describe());
        }
        List<RunOutcome> remediated = lines.stream().map(FleetSummary.Line::remediation).toList();
        String remediation = totals(remediated);
        if (remediation != null) {
            text.append('\n').append(remediation);
        }
        if (revoked(remediated) > 0) {
            text.append("\nTo restore a token revoked tonight: `").append(restore).append("` (ids on each cluster's "
                    + "page)");
        }
        text.append("\nRun index: ").append(index);
        return text.toString();
    }

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

    /**
     * {@code outcome} with its failure as the one line a person reads (a Cause may hold 32 KB: the line is bounded,
     * and the error's name to {@link FleetErrors#ERROR_TYPE_SHOWN}); null stays null.
     */
    static RunOutcome described(RunOutcome outcome, ObjectMapper mapper) {
        if (outcome == null || outcome.failure() == null) {
            return outcome;
        }
        return new RunOutcome(outcome.run(), outcome.applied(), outcome.notApplied(), outcome.revoked(),
                outcome.deleted(), outcome.failed(), outcome.unknown(), outcome.skipped(), outcome.notAttempted(),
                outcome.problems(), new RunOutcome.Failure(FleetErrors.errorType(outcome.failure().error()),
                        FleetErrors.describe(outcome
                                .failure().error(), outcome.failure().cause(), mapper)));
    }

    /** The lines under a cluster's line: what remediation did, then each action a person must look at. */
    static List<String> lines(RunOutcome outcome) {
        List<String> lines = new ArrayList<>();
        if (outcome == null || !outcome.happened()) {
            return lines;
        }
        if (outcome.failure() != null) {
            lines.add("remediation failed, nothing was done after it: " + outcome.failure().cause());
            return lines;
        }
        String counts = counts(List.of(outcome));
        lines.add("remediation: " + (counts.isEmpty() ? "nothing to do" : counts)
                + (outcome.notApplied() == null ? "" : "; not applied: " + outcome.notApplied()));
        if (outcome.problems() != null) {
            outcome.problems().forEach(problem -> lines.add("  needs a look: " + problem));
        }
        return lines;
    }

    static String totals(List<RunOutcome> outcomes) {
        List<RunOutcome> told = outcomes.stream().filter(o -> o != null && o.happened()).toList();
        if (told.isEmpty()) {
            return null;
        }
        long failed = told.stream().filter(o -> o.failure() != null).count();
        String counts = counts(told);
        return "Remediation tonight: " + (counts.isEmpty() ? "nothing done" : counts) + (failed == 0
                ? ""
                : "; " + failed + (failed == 1 ? " cluster's" : " clusters'") + " remediation failed");
    }

    static int revoked(List<RunOutcome> outcomes) {
        return outcomes.stream().filter(o -> o != null).mapToInt(RunOutcome::revoked).sum();
    }

    private static String counts(List<RunOutcome> outcomes) {
        int[] sum = new int[6];
        for (RunOutcome o : outcomes) {
            int[] each = {o.revoked(), o.deleted(), o.failed(), o.unknown(), o.skipped(), o.notAttempted()};
            for (int i = 0; i < sum.length; i++) {
                sum[i] += each[i];
            }
        }
        String[] names = {"revoked", "deleted", "failed", "of unknown outcome", "skipped", "not attempted"};
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < sum.length; i++) {
            if (sum[i] > 0) {
                parts.add(sum[i] + " " + names[i]);
            }
        }
        return String.join(", ", parts);
    }
}
