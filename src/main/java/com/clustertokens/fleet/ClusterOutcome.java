package com.clustertokens.fleet;

import com.clustertokens.hygiene.report.HygieneReport;
import com.clustertokens.remediation.RunOutcome;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What one cluster's step of a fleet run ended with, small enough for Step Functions' payload limit: {@value #FAILED}
 * ones carry the error as the state machine's catch passes it on (a JSON {@code Cause}, or plain text).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterOutcome(String cluster, String status, HygieneReport.Counts counts, Long stale,
        String reportKey, String pageKey, String errorType, String error, RunOutcome remediation,
        HygieneReport.ExpiryCounts expiry) {

    public static final String REPORTED = "reported";
    public static final String FAILED = "failed";

    /** {@code expiry}: the report's expiry scan in counts; null when the scan did not run. */
    static ClusterOutcome reported(String cluster, HygieneReport.Counts counts, String reportKey, String pageKey,
            RunOutcome remediation, HygieneReport.ExpiryCounts expiry) {
        return new ClusterOutcome(cluster, REPORTED, counts, counts.dormant() + counts.noRecordedUse(), reportKey,
                pageKey, null, null, remediation, expiry);
    }

    static ClusterOutcome failed(String cluster, String errorType, String error, RunOutcome remediation) {
        return new ClusterOutcome(cluster, FAILED, null, null, null, null, errorType, error, remediation, null);
    }

    boolean isReported() {
        return REPORTED.equals(status) && counts != null;
    }
}
