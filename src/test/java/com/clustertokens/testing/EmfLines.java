package com.clustertokens.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The CloudWatch Embedded Metric Format lines code prints on stdout while it runs, parsed. */
public final class EmfLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EmfLines() {
    }

    /** The EMF lines {@code action} printed, in order; its result is dropped. */
    public static List<JsonNode> during(Callable<?> action) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.call();
        } finally {
            System.setOut(original);
        }
        return parse(captured.toString(StandardCharsets.UTF_8));
    }

    /** The EMF lines of {@code text}, in order. */
    public static List<JsonNode> parse(String text) {
        return text.lines().filter(line -> line.startsWith("{\"_aws\"")).map(line -> {
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    /** The metric names a line's directive declares, in order. */
    public static List<String> names(JsonNode line) {
        return line.at("/_aws/CloudWatchMetrics/0/Metrics").findValuesAsText("Name");
    }

    /** The lines of {@code namespace}. */
    public static List<JsonNode> in(String namespace, List<JsonNode> lines) {
        return lines.stream().filter(line -> namespace.equals(line.at("/_aws/CloudWatchMetrics/0/Namespace")
                .asText())).toList();
    }
}
