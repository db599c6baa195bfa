package com.clustertokens.fleet;

import java.util.ArrayList;
import java.util.List;

import com.clustertokens.remediation.RunOutcome;

import com.fasterxml.jackson.databind.ObjectMapper;

/** What each cluster's remediation did tonight, as the fleet summary's chat text tells it. */
final class RemediationText {

    private RemediationText() {
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

    /** The fleet's line of remediation totals, or null when no cluster's remediation ran tonight. */
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

    /** How many tokens were revoked tonight, over every cluster. */
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
