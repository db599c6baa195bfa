package com.clustertokens.hygiene.report;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The counts as one line of CloudWatch Embedded Metric Format. Printed on stdout directly: the logger's format
 * would wrap the JSON, and CloudWatch only extracts metrics from a bare JSON line.
 */
public final class HygieneMetrics {

    static final String NAMESPACE = "ClusterTokenHygiene";

    private HygieneMetrics() {
    }

    /** The EMF line; {@code timestampMillis} is when the run happened (CloudWatch refuses old timestamps). */
    public static String line(ObjectMapper mapper, String cluster, HygieneReport.Counts counts, long timestampMillis) {
        Map<String, Long> values = new LinkedHashMap<>();
        values.put("TotalTokens", counts.total());
        values.put("ActiveTokens", counts.active());
        values.put("DormantTokens", counts.dormant());
        values.put("NoRecordedUseTokens", counts.noRecordedUse());
        values.put("NewUnusedTokens", counts.newUnused());
        values.put("UnverifiedTokens", counts.unverified());
        values.put("ExcludedTokens", counts.excluded());
        values.put("RevokedTokens", counts.revoked());
        values.put("ExpiringTokens", counts.expiring());

        Map<String, Object> document = new LinkedHashMap<>();
        document.put("_aws", Map.of(
                "Timestamp", timestampMillis,
                "CloudWatchMetrics", List.of(Map.of(
                        "Namespace", NAMESPACE,
                        "Dimensions", List.of(List.of("Cluster")),
                        "Metrics", values.keySet().stream().map(name -> Map.of("Name", name, "Unit", "Count"))
                                .toList()))));
        document.put("Cluster", cluster);
        document.putAll(values);
        try {
            return mapper.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metrics could not be written as JSON", e);
        }
    }

    /** Prints the line on stdout, where CloudWatch reads it. */
    public static void print(String line) {
        PrintStream out = System.out;
        out.println(line);
        out.flush();
    }
}
