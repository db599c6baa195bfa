package com.clustertokens.fleet;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.clustertokens.hygiene.report.HygieneReport;
import com.clustertokens.logging.EmbeddedMetrics;
import com.clustertokens.remediation.RunOutcome;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What fleet-summary returns: the {@code totals} are over the reported clusters only, {@code expiry} over those whose
 * report ran the expiry scan (null when none did).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FleetSummary(String runId, Instant scheduledTime, int reported, int failed, long stale,
        HygieneReport.Counts totals, HygieneReport.ExpiryCounts expiry, List<Line> clusters, String indexKey,
        String summary, List<HygieneReport.Delivery> deliveries) {

    /** One cluster of the run; {@code link} is where a person opens its page. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(String cluster, String status, Long stale, Long total, String reportKey, String link,
            String error, RunOutcome remediation, HygieneReport.ExpiryCounts expiry) {
    }

    FleetSummary withDeliveries(List<HygieneReport.Delivery> sent) {
        return new FleetSummary(runId, scheduledTime, reported, failed, stale, totals, expiry, clusters, indexKey,
                summary, sent);
    }

    static final String METRICS_NAMESPACE = "ClusterTokenFleet";

    /**
     * The run's outcome as one CloudWatch Embedded Metric Format line without dimension: whether the run as a whole
     * failed is Step Functions' own metric (ExecutionsFailed).
     */
    public static String metricsLine(ObjectMapper mapper, long reported, long failed, long timestampMillis) {
        Map<String, Long> values = new LinkedHashMap<>();
        values.put("ReportedClusters", reported);
        values.put("FailedClusters", failed);
        return EmbeddedMetrics.line(mapper, METRICS_NAMESPACE, Map.of(), values, timestampMillis);
    }
}
