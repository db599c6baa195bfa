package com.clustertokens.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** infra/template.yaml, read as CloudFormation reads it, with SAM's Globals merged into each function. */
final class SamTemplate {

    static final Path PATH = Path.of("infra", "template.yaml");

    private final Map<String, Object> root;

    private SamTemplate(Map<String, Object> root) {
        this.root = root;
    }

    static SamTemplate load() {
        try {
            return new SamTemplate(CloudFormationYaml.read(PATH));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, Object> root() {
        return root;
    }

    Map<String, Object> resources() {
        return map(root.get("Resources"));
    }

    Map<String, Object> parameters() {
        return map(root.get("Parameters"));
    }

    /** One AWS::Serverless::Function with the Globals it inherits. */
    record DeployedFunction(String logicalId, Map<String, Object> properties, Map<String, Object> environment) {

        /** The Funqy function this Lambda runs, or null when it sets none. */
        String export() {
            Object export = environment.get("QUARKUS_FUNQY_EXPORT");
            return export == null ? null : export.toString();
        }

        Map<String, Object> events() {
            return map(properties.get("Events"));
        }

        int timeoutSeconds() {
            return ((Number) Objects.requireNonNull(properties.get("Timeout"), logicalId + " has no Timeout"))
                    .intValue();
        }
    }

    /** Every serverless function by logical id. */
    Map<String, DeployedFunction> functions() {
        Map<String, Object> globals = map(map(root.get("Globals")).get("Function"));
        Map<String, DeployedFunction> functions = new LinkedHashMap<>();
        resources().forEach((id, resource) -> {
            Map<String, Object> r = map(resource);
            if ("AWS::Serverless::Function".equals(r.get("Type"))) {
                Map<String, Object> properties = new LinkedHashMap<>(globals);
                properties.putAll(map(r.get("Properties")));
                // SAM merges environment variable maps key by key; other properties are replaced.
                Map<String, Object> environment = new LinkedHashMap<>(variables(globals));
                environment.putAll(variables(map(r.get("Properties"))));
                functions.put(id, new DeployedFunction(id, properties, environment));
            }
        });
        return functions;
    }

    /** Resources of one type by logical id. */
    Map<String, Map<String, Object>> resourcesOfType(String type) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        resources().forEach((id, resource) -> {
            if (type.equals(map(resource).get("Type"))) {
                found.put(id, map(resource));
            }
        });
        return found;
    }

    private static Map<String, Object> variables(Map<String, Object> properties) {
        return map(map(properties.get("Environment")).get("Variables"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }
}
