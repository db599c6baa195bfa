package com.clustertokens.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.clustertokens.error.ConfigurationException;
import com.clustertokens.error.Quoted;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Reads a registry: the document as a whole (JSON, an array, not empty; else none of it can be trusted), then each
 * entry on its own, so a broken entry costs its own cluster only. Every problem names its entry and the rule, never
 * the text there, which may be a token pasted by mistake.
 */
final class RegistryEntries {

    /**
     * One reading of the cluster registry: the usable {@code clusters}, the {@code refused} entries (each under the
     * name a request gives for it, with why), and every entry's name in the registry's order ({@code names}). An entry
     * whose own name is unusable is named by its position, e.g. {@code [3]}, which no cluster name can be.
     */
    record Registry(List<RegisteredCluster> clusters, Map<String, String> refused, List<String> names) {

        Registry {
            clusters = List.copyOf(clusters);
            refused = Map.copyOf(refused);
            names = List.copyOf(names);
        }
    }

    /** A registry entry as written in JSON; unknown fields are refused, so a misspelt setting is not ignored. */
    record Entry(String name, String url, String apiTokenSecretArn, String apiToken, String staleAfter,
            List<String> exclude, RegisteredCluster.Remediation remediation) {
    }

    private static final ObjectMapper ENTRIES = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** One entry as read: the name a request gives for it, the cluster (null when unbound), and what is wrong. */
    private record Read(String label, RegisteredCluster cluster, String url, List<String> problems) {
    }

    private RegistryEntries() {
    }

    /**
     * The registry in {@code json}; {@code registry} names where it was configured, {@code tokensAllowed} whether an
     * entry may hold its API token itself (an environment variable of a local run, never a parameter). Throws
     * {@link ConfigurationException} only when the document as a whole is unusable.
     */
    static Registry parse(String json, String registry, boolean tokensAllowed) {
        String fields = "{name, url, apiTokenSecretArn" + (tokensAllowed ? " or apiToken" : "") + ", staleAfter, "
                + "exclude, remediation}";
        JsonNode document;
        try {
            document = ENTRIES.readTree(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw new ConfigurationException(registry + " is not valid JSON" + (where == null
                    ? ""
                    : " (at line " + where.getLineNr() + ", column " + where.getColumnNr() + ")")
                    + ": it must be a JSON array of clusters " + fields);
        }
        if (document == null || document.isNull() || document.isMissingNode() || document.isArray() && document
                .isEmpty()) {
            throw new ConfigurationException(registry + " lists no cluster: give at least one");
        }
        if (!document.isArray()) {
            throw new ConfigurationException(registry + " is not a JSON array of clusters " + fields);
        }
        RegisteredCluster.Origin origin = new RegisteredCluster.Origin(registry);
        List<Read> entries = new ArrayList<>();
        for (int i = 0; i < document.size(); i++) {
            entries.add(read(document.get(i), registry + "[" + i + "]", "[" + i + "]", origin, tokensAllowed,
                    fields));
        }
        refuseDuplicates(entries, registry);
        Map<String, Set<String>> refused = new LinkedHashMap<>();
        entries.stream().filter(e -> !e.problems().isEmpty()).forEach(e -> refused.computeIfAbsent(e.label(),
                k -> new LinkedHashSet<>()).addAll(e.problems()));
        Map<String, String> why = new LinkedHashMap<>();
        refused.forEach((label, problems) -> why.put(label, String.join("; ", problems)));
        return new Registry(entries.stream().filter(e -> e.problems().isEmpty()).map(Read::cluster).toList(), why,
                entries.stream().map(Read::label).distinct().toList());
    }

    private static Read read(JsonNode node, String at, String position, RegisteredCluster.Origin origin,
            boolean tokensAllowed, String fields) {
        JsonNode given = node.path("name");
        String label = given.isTextual() && RegisteredCluster.NAME.matcher(given.textValue()).matches()
                ? given.textValue()
                : position;
        List<String> problems = new ArrayList<>();
        if (node.isNull()) {
            problems.add(at + ": must be a cluster, not null");
            return new Read(label, null, null, problems);
        }
        Entry entry;
        try {
            entry = ENTRIES.treeToValue(node, Entry.class);
        } catch (JsonProcessingException e) {
            problems.add(unbound(at, e, fields));
            return new Read(label, null, null, problems);
        }
        if (entry.name() == null || !RegisteredCluster.NAME.matcher(entry.name()).matches()) {
            problems.add(at + ".name: " + Quoted.of(entry.name()) + " must be 1 to 40 lower-case letters, digits or "
                    + "hyphens, starting and ending with a letter or digit (it becomes part of S3 keys, secret names "
                    + "and metric dimensions)");
        } else if (entry.name().equals("index")) {
            problems.add(at + ".name: '" + entry.name() + "' is reserved: each run's report folder holds the "
                    + "fleet's index.json and index.html");
        }
        boolean arn = entry.apiTokenSecretArn() != null && !entry.apiTokenSecretArn().isBlank();
        boolean token = entry.apiToken() != null && !entry.apiToken().isBlank();
        if (token && !tokensAllowed) {
            problems.add(at + ".apiToken: a token must not be written into the registry; store it in Secrets "
                    + "Manager and give its ARN as apiTokenSecretArn");
        } else if (arn == token) {
            problems.add(at + ": give exactly one of apiTokenSecretArn" + (tokensAllowed ? " and apiToken" : ""));
        }
        RegisteredCluster cluster = new RegisteredCluster(entry.name(), entry.url(), arn
                ? entry.apiTokenSecretArn().strip()
                : null, token ? entry.apiToken() : null, entry.staleAfter(), entry.exclude(), entry.remediation(),
                origin);
        String url = null;
        try {
            url = ClusterEndpoint.parse(cluster.url(), at + ".url").identity();
        } catch (ConfigurationException e) {
            problems.add(e.getMessage());
        }
        return new Read(label, cluster, url, problems);
    }

    /**
     * Two entries of one name, of one cluster (the same URL) or of one API token (the same secret): neither can be
     * trusted to be the one meant, and one cluster under two names would be reported and remediated twice. Every
     * entry of such a pair is refused.
     */
    private static void refuseDuplicates(List<Read> entries, String registry) {
        Map<String, List<Integer>> named = groups(entries, read -> read.label().startsWith("[") ? null : read.label());
        named.forEach((name, positions) -> {
            String problem = registry + ": entries " + positions(positions) + " share the name '" + name + "'; none "
                    + "is used, as which one is meant cannot be known";
            positions.forEach(i -> entries.get(i).problems().add(problem));
        });
        shared(entries, registry, Read::url, "url: reaches the same cluster", "a cluster is registered once");
        shared(entries, registry, read -> read.cluster() == null ? null : read.cluster().apiTokenSecretArn(),
                "apiTokenSecretArn: the same secret", "an API token serves one cluster");
        shared(entries, registry, read -> read.cluster() == null ? null : read.cluster().apiToken(),
                "apiToken: the same token", "an API token serves one cluster");
    }

    private static void shared(List<Read> entries, String registry, Function<Read, String> key, String what,
            String rule) {
        groups(entries, key).values().forEach(positions -> positions.forEach(i -> entries.get(i).problems().add(
                registry + "[" + i + "]." + what + " as entries " + positions(positions) + "; " + rule
                        + ", so none of them is used")));
    }

    /** The positions of the entries sharing each value of {@code key} with another entry (null: no value). */
    private static Map<String, List<Integer>> groups(List<Read> entries, Function<Read, String> key) {
        Map<String, List<Integer>> all = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            String value = key.apply(entries.get(i));
            if (value != null) {
                all.computeIfAbsent(value, k -> new ArrayList<>()).add(i);
            }
        }
        all.values().removeIf(positions -> positions.size() < 2);
        return all;
    }

    /** {@code [0] and [2]}, {@code [0], [2] and [5]}. */
    private static String positions(List<Integer> positions) {
        List<String> shown = positions.stream().map(i -> "[" + i + "]").toList();
        return String.join(", ", shown.subList(0, shown.size() - 1)) + " and " + shown.get(shown.size() - 1);
    }

    /**
     * An entry Jackson could not bind: the entry and field (e.g. {@code DT_CLUSTERS[2].staleAftr}) and the rule;
     * never the value, nor a Java type.
     */
    private static String unbound(String at, JsonProcessingException e, String fields) {
        StringBuilder where = new StringBuilder(at);
        if (e instanceof JsonMappingException mapping) {
            for (JsonMappingException.Reference reference : mapping.getPath()) {
                where.append(reference.getFieldName() != null
                        ? "." + Quoted.bare(reference.getFieldName())
                        : "[" + reference.getIndex() + "]");
            }
        }
        if (e instanceof UnrecognizedPropertyException) {
            return where + ": unknown field; a cluster has only " + fields;
        }
        Class<?> type = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        String expected = type == null || type == Entry.class
                ? "a cluster " + fields
                : java.util.Collection.class.isAssignableFrom(type)
                        ? "a list of strings"
                        : type == String.class ? "a string" : type == Integer.class ? "a whole number" : "an object";
        return where + ": expected " + expected;
    }
}
