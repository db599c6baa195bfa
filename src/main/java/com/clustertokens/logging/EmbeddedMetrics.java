package com.clustertokens.logging;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Metrics as CloudWatch Embedded Metric Format lines: one bare JSON line on stdout each, which CloudWatch Logs turns
 * into data points. Printed directly: the logger's format would wrap the JSON, and only a bare JSON line is read.
 */
public final class EmbeddedMetrics {

    private EmbeddedMetrics() {
    }

    /**
     * The line publishing each of {@code values} (unit Count) in {@code namespace}, with {@code dimensions} (none:
     * an empty map, the metric then has no dimension); {@code timestampMillis} is when it happened.
     */
    public static String line(ObjectMapper mapper, String namespace, Map<String, String> dimensions,
            Map<String, Long> values, long timestampMillis) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("_aws", Map.of(
                "Timestamp", timestampMillis,
                "CloudWatchMetrics", List.of(Map.of(
                        "Namespace", namespace,
                        "Dimensions", List.of(List.copyOf(dimensions.keySet())),
                        "Metrics", values.keySet().stream().map(name -> Map.of("Name", name, "Unit", "Count"))
                                .toList()))));
        document.putAll(dimensions);
        document.putAll(values);
        try {
            return mapper.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metrics could not be written as JSON", e);
        }
    }

    /** Prints the line on stdout, where CloudWatch reads it. */
    public static void print(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
