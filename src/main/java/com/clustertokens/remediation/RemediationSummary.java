package com.clustertokens.remediation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import com.clustertokens.remediation.LedgerEntry.Action;
import com.clustertokens.security.Secrets;

/**
 * The remediation run as chat text, never a secret: each token's line and each note is masked as the report page
 * masks what it shows (the restore command, which this code writes, is not).
 */
final class RemediationSummary {

    private RemediationSummary() {
    }

    static String of(RemediationReport report, String restoreCommand, int maxLines) {
        Plan plan = report.plan();
        StringBuilder text = new StringBuilder("*Token remediation*");
        if (report.clusterUrl() != null) {
            text.append(" for ").append(report.clusterUrl());
        }
        text.append(report.applied() ? ": applied" : ": plan only").append(" (revoke after ")
                .append(report.policy().revokeAfter().describe()).append(" unused, delete ")
                .append(report.policy().deleteAfter().describe()).append(" after revoke, at most ")
                .append(report.policy().maxActions()).append(" actions a run)\n");
        if (report.notApplied() != null) {
            text.append("NOT APPLIED: ").append(report.notApplied()).append('\n');
        }
        List<ActionOutcome> done = report.actions().stream().filter(ActionOutcome::done).toList();
        outcomes(text, "Revoked today", done.stream().filter(a -> a.action() == Action.REVOKE).toList(), maxLines);
        outcomes(text, "Deleted today", done.stream().filter(a -> a.action() == Action.DELETE).toList(), maxLines);
        outcomes(text, "Not done", report.actions().stream().filter(a -> !a.done()).toList(), maxLines);
        if (!report.applied()) {
            // Over the cap a run still does the rotations' follow-ups: those are listed above, as done or not.
            lines(text, "Would revoke", notActed(plan.revoke(), report), p -> p.name() + " (" + p.id() + ")"
                    + owner(p.owner()) + " · " + p.reason(), maxLines);
            lines(text, "Would delete", notActed(plan.delete(), report), p -> p.name() + " (" + p.id() + ")"
                    + owner(p.owner()) + " · revoked " + day(p.revokedAt()), maxLines);
        }
        List<Plan.Upcoming> upcoming = Stream.concat(done.stream().filter(a -> a.action() == Action.REVOKE)
                .map(a -> new Plan.Upcoming(a.id(), a.name(), a.owner(), report.now(),
                        report.now().plus(report.policy().deleteDelay()))), plan.upcoming().stream()).toList();
        lines(text, "Will be deleted", upcoming, u -> u.name() + " (" + u.id() + ")" + owner(u.owner())
                + (u.revokeAt() != null
                        ? " · rotated: revoked on " + day(u.revokeAt()) + ", deleted on " + day(u.deleteAt())
                        : " · on " + day(u.deleteAt()) + " unless used or restored before"), maxLines);
        lines(text, "Left alone", plan.held(), h -> h.name() + " (" + h.id() + ")" + owner(h.owner()) + " · "
                + h.why(), maxLines);
        if (plan.actions() == 0 && plan.upcoming().isEmpty() && report.actions().isEmpty()) {
            text.append("\nNothing to revoke or delete.\n");
        }
        for (String note : report.notes()) {
            text.append("Note: ").append(Secrets.mask(note)).append('\n');
        }
        boolean revoked = !done.isEmpty() || !plan.upcoming().isEmpty() || !plan.revoke().isEmpty();
        if (revoked) {
            text.append("\nTo restore a revoked token: `").append(restoreCommand).append("` (ids as above)\n");
        }
        return text.toString().stripTrailing();
    }

    private static List<Plan.Planned> notActed(List<Plan.Planned> planned, RemediationReport report) {
        return planned.stream().filter(p -> report.actions().stream().noneMatch(a -> a.id().equals(p.id())
                && a.action() == p.action())).toList();
    }

    private static void outcomes(StringBuilder text, String title, List<ActionOutcome> outcomes, int maxLines) {
        lines(text, title, outcomes, a -> a.name() + " (" + a.id() + ")" + owner(a.owner())
                + (a.done() ? "" : " · " + a.action().wire() + " " + a.outcome().wire() + ": " + a.note()), maxLines);
    }

    private static <T> void lines(StringBuilder text, String title, List<T> items, Function<T, String> line,
            int maxLines) {
        if (items.isEmpty()) {
            return;
        }
        text.append("\n*").append(title).append("* (").append(items.size()).append(")\n");
        int shown = Math.min(maxLines, items.size());
        items.subList(0, shown).forEach(item -> text.append("• ").append(Secrets.mask(line.apply(item)))
                .append('\n'));
        if (items.size() > shown) {
            text.append("…and ").append(items.size() - shown).append(" more in the report\n");
        }
    }

    private static String owner(String owner) {
        return owner == null ? "" : " · owner " + owner;
    }

    private static String day(Instant instant) {
        return instant == null ? "?" : instant.truncatedTo(ChronoUnit.MINUTES).toString();
    }
}
