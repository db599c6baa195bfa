package com.clustertokens.fleet;

import java.util.LinkedHashMap;
import java.util.Map;

import com.clustertokens.logging.EmbeddedMetrics;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A fleet run's outcome as one CloudWatch Embedded Metric Format line without dimension, printed by its summary: the
 * clusters reported and those that failed (each a line of the summary). Whether the run as a whole failed is Step
 * Functions' own metric (ExecutionsFailed).
 */
public final class FleetMetrics {

    static final String NAMESPACE = "ClusterTokenFleet";

    private FleetMetrics() {
    }

    public static String line(ObjectMapper mapper, long reported, long failed, long timestampMillis) {
        Map<String, Long> values = new LinkedHashMap<>();
        values.put("ReportedClusters", reported);
        values.put("FailedClusters", failed);
        return EmbeddedMetrics.line(mapper, NAMESPACE, Map.of(), values, timestampMillis);
    }
}
