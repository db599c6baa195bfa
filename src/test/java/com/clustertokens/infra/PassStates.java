package com.clustertokens.infra;

import static com.clustertokens.infra.SamTemplate.map;

import java.util.LinkedHashMap;
import java.util.Map;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a Pass state of the template outputs for an input, as Step Functions computes it: a JSONata state's
 * {@code Output} (each {@code {% … %}} string evaluated with {@code $states.input}), or a JSONPath state's
 * {@code Parameters} (each {@code key.$} a path into the input). Only what the template's Pass states use.
 */
final class PassStates {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PassStates() {
    }

    static JsonNode output(Map<String, Object> state, JsonNode input) {
        Map<String, Object> in = JSON.convertValue(input, Map.class);
        Map<String, Object> out = new LinkedHashMap<>();
        if ("JSONata".equals(state.get("QueryLanguage"))) {
            map(state.get("Output")).forEach((key, value) -> out.put(key, jsonata(String.valueOf(value), in)));
        } else {
            map(state.get("Parameters")).forEach((key, value) -> {
                if (key.endsWith(".$")) {
                    out.put(key.substring(0, key.length() - 2), path(String.valueOf(value), in));
                } else {
                    out.put(key, value);
                }
            });
        }
        return JSON.valueToTree(out);
    }

    /** A field's value: a {@code {% … %}} expression evaluated; any other value as it is. */
    private static Object jsonata(String value, Map<String, Object> input) {
        if (!value.startsWith("{%") || !value.endsWith("%}")) {
            return value;
        }
        Jsonata expression = Jsonata.jsonata(value.substring(2, value.length() - 2).strip());
        expression.assign("states", Map.of("input", input));
        Object result = expression.evaluate(null);
        if (result == null) {
            // Step Functions fails a state whose expression yields nothing: the run would stop there.
            throw new AssertionError(value + " yields no value for " + input.keySet());
        }
        return result;
    }

    /** A JSONPath of fields only, such as {@code $.error.Cause}. */
    private static Object path(String path, Map<String, Object> input) {
        Object at = input;
        for (String field : path.substring(2).split("\\.")) {
            at = at instanceof Map<?, ?> fields ? fields.get(field) : null;
        }
        return at;
    }
}
