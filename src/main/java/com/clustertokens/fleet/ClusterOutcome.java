package com.clustertokens.fleet;

import com.clustertokens.hygiene.report.HygieneReport;
import com.clustertokens.remediation.RunOutcome;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What one cluster's step of a fleet run ended with, small enough for Step Functions' payload limit: {@code status}
 * {@value #REPORTED} with the report's {@code counts}, {@code stale} count, the keys of its JSON ({@code reportKey})
 * and page ({@code pageKey}); or
 * {@value #FAILED} with the caught {@code errorType} and {@code error} (Lambda's error, as the state machine's catch
 * passes it on: the {@code errorMessage} inside a JSON {@code Cause}, or plain text). Either way, what the cluster's
 * remediation did before the report ({@code remediation}, counts only), when it ran.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterOutcome(String cluster, String status, HygieneReport.Counts counts, Long stale,
        String reportKey, String pageKey, String errorType, String error, RunOutcome remediation) {

    public static final String REPORTED = "reported";
    public static final String FAILED = "failed";

    static ClusterOutcome reported(String cluster, HygieneReport.Counts counts, String reportKey, String pageKey,
            RunOutcome remediation) {
        return new ClusterOutcome(cluster, REPORTED, counts, counts.dormant() + counts.noRecordedUse(), reportKey,
                pageKey, null, null, remediation);
    }

    static ClusterOutcome failed(String cluster, String errorType, String error, RunOutcome remediation) {
        return new ClusterOutcome(cluster, FAILED, null, null, null, null, errorType, error, remediation);
    }

    boolean isReported() {
        return REPORTED.equals(status) && counts != null;
    }
}
