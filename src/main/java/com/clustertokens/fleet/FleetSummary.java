package com.clustertokens.fleet;

import java.time.Instant;
import java.util.List;

import com.clustertokens.hygiene.report.HygieneReport;
import com.clustertokens.remediation.RunOutcome;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What fleet-summary returns: the run ({@code runId}, its {@code scheduledTime}), how many clusters were reported
 * and failed, the {@code totals} over the reported ones, one line per cluster with a link to its report, where the
 * fleet's index was written, the chat {@code summary} sent, and what each sink got.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FleetSummary(String runId, Instant scheduledTime, int reported, int failed, long stale,
        HygieneReport.Counts totals, List<Line> clusters, String indexKey, String summary,
        List<HygieneReport.Delivery> deliveries) {

    /**
     * One cluster of the run: its outcome and, when reported, its JSON's key and where a person opens its page; what
     * its remediation did tonight, when it ran.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(String cluster, String status, Long stale, Long total, String reportKey, String link,
            String error, RunOutcome remediation) {
    }

    FleetSummary withDeliveries(List<HygieneReport.Delivery> sent) {
        return new FleetSummary(runId, scheduledTime, reported, failed, stale, totals, clusters, indexKey, summary,
                sent);
    }
}
