package com.clustertokens.fleet;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.clustertokens.cluster.ClusterRegistry;
import com.clustertokens.error.InvalidInputException;
import com.clustertokens.error.Quoted;
import com.clustertokens.lambda.RequestReader;
import com.clustertokens.lambda.Timestamp;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The inputs of fleet-report and fleet-summary, accepted only in the shapes the state machine (and {@link FleetRun})
 * sends: every problem named with its field and rule, before anything is read or written.
 */
final class FleetRequests {

    /** Input of fleet-report, every other field refused; {@code remediation} as the state machine carries it. */
    record Report(String cluster, Timestamp scheduledTime, RemediationStep remediation) {
    }

    /**
     * Input of fleet-summary: {@code scheduledTime} is the run's identity (a retry delivers only to the sinks still
     * waiting); one result a cluster, as fleet-report returns it or the state machine's Failed state makes it.
     */
    record Summary(Timestamp scheduledTime, List<ClusterOutcome> results) {
    }

    /** Problems named in one refusal at most; a whole fleet's results can be wrong at once. */
    private static final int SHOWN_PROBLEMS = 10;

    private FleetRequests() {
    }

    static Report report(RequestReader reader, JsonNode input) {
        Report request = reader.read(input, Report.class);
        List<String> problems = new ArrayList<>();
        checkCluster("cluster", request.cluster(), problems);
        if (request.scheduledTime() == null) {
            problems.add("scheduledTime: is required, the run's identity");
        }
        RemediationStep remediation = request.remediation();
        if (remediation != null && remediation.outcome() == null) {
            problems.add("remediation.outcome: is required, the remediate step's outcome ({} when it did not run)");
        }
        if (remediation != null && remediation.actions() != null) {
            for (int i = 0; i < remediation.actions().size(); i++) {
                if (remediation.actions().get(i) == null) {
                    problems.add("remediation.actions[" + i + "]: must be an action's outcome, not null");
                }
            }
        }
        refuseAny(problems);
        return request;
    }

    static Summary summary(RequestReader reader, JsonNode input, String folder) {
        Summary request = reader.read(input, Summary.class);
        List<String> problems = new ArrayList<>();
        if (request.scheduledTime() == null) {
            problems.add("scheduledTime: is required, the run's identity");
        }
        if (request.results() == null || request.results().isEmpty()) {
            problems.add("results: the per-cluster results of the run are required");
        }
        refuseAny(problems);
        String run = folder + FleetService.runId(request.scheduledTime().toInstant()) + "/";
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < request.results().size(); i++) {
            check(request.results().get(i), "results[" + i + "]", run, seen, problems);
        }
        if (problems.size() > SHOWN_PROBLEMS) {
            int more = problems.size() - SHOWN_PROBLEMS;
            problems.subList(SHOWN_PROBLEMS, problems.size()).clear();
            problems.add("and " + more + " more");
        }
        refuseAny(problems);
        return request;
    }

    private static void refuseAny(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    /** False (with a problem named {@code at}) when {@code cluster} is no registry entry's name. */
    private static boolean checkCluster(String at, String cluster, List<String> problems) {
        if (!ClusterRegistry.isEntryName(cluster)) {
            problems.add(at + ": " + (cluster == null
                    ? "is required"
                    : Quoted.of(cluster)
                            + " is not a registry entry's name"));
            return false;
        }
        return true;
    }

    private static void check(ClusterOutcome outcome, String at, String run, Set<String> seen, List<String> problems) {
        if (outcome == null) {
            problems.add(at + ": must be a cluster's result, not null");
            return;
        }
        if (checkCluster(at + ".cluster", outcome.cluster(), problems) && !seen.add(outcome.cluster())) {
            problems.add(at + ".cluster: '" + outcome.cluster() + "' has a result already");
        }
        if (ClusterOutcome.REPORTED.equals(outcome.status())) {
            if (outcome.counts() == null || outcome.stale() == null) {
                problems.add(at + ": a reported result has its counts and stale count");
            } else if (outcome.stale() != outcome.counts().dormant() + outcome.counts().noRecordedUse()) {
                problems.add(at + ".stale: must be counts.dormant + counts.noRecordedUse");
            }
            String key = run + outcome.cluster();
            requireKey(at + ".reportKey", outcome.reportKey(), key + ".json", problems);
            requireKey(at + ".pageKey", outcome.pageKey(), key + ".html", problems);
            if (outcome.errorType() != null || outcome.error() != null) {
                problems.add(at + ": a reported result has no errorType or error");
            }
        } else if (ClusterOutcome.FAILED.equals(outcome.status())) {
            if (outcome.counts() != null || outcome.stale() != null || outcome.reportKey() != null
                    || outcome.pageKey() != null) {
                problems.add(at + ": a failed result has no counts, stale, reportKey or pageKey");
            }
        } else {
            problems.add(at + ".status: " + (outcome.status() == null
                    ? "is required"
                    : Quoted.of(outcome.status())
                            + " is not one of " + ClusterOutcome.REPORTED + ", " + ClusterOutcome.FAILED));
        }
    }

    /** A reported result's key must be the one fleet-report writes, so the summary reads no other object. */
    private static void requireKey(String at, String given, String expected, List<String> problems) {
        if (!expected.equals(given)) {
            problems.add(at + ": " + (given == null ? "is required" : Quoted.of(given, 200)) + ", must be '"
                    + expected + "', the key fleet-report writes for this cluster and run");
        }
    }
}
