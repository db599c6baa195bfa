package com.clustertokens.cluster;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.clustertokens.aws.AwsClients;
import com.clustertokens.aws.AwsFailures;
import com.clustertokens.error.ConfigurationException;
import com.clustertokens.error.InvalidInputException;
import com.clustertokens.error.Quoted;
import com.clustertokens.error.RegistryUnavailableException;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;

import software.amazon.awssdk.core.exception.SdkException;

/**
 * The clusters this deployment serves: the SSM parameter DT_CLUSTERS_PARAMETER (on AWS, re-read after
 * DT_CLUSTERS_CACHE_TTL so an added cluster is picked up), else DT_CLUSTERS (local runs, tests), else the
 * single-cluster variables DT_CLUSTER_URL and DT_API_TOKEN(_SECRET_ARN) as one cluster named {@code default}.
 */
@ApplicationScoped
public class ClusterRegistry {

    static final String VARIABLE = "DT_CLUSTERS";
    static final String PARAMETER_VARIABLE = "DT_CLUSTERS_PARAMETER";

    /** A registry entry as written in JSON; unknown fields are refused, so a misspelt setting is not ignored. */
    record Entry(String name, String url, String apiTokenSecretArn, String apiToken, String staleAfter,
            List<String> exclude, RegisteredCluster.Remediation remediation) {
    }

    /** The clusters read from SSM and when ({@link System#nanoTime()}). */
    private record Loaded(List<RegisteredCluster> clusters, long readAt) {
    }

    private static final ObjectMapper ENTRIES = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final ClusterConfig config;
    private final AwsClients aws;
    private volatile Loaded loaded;

    public ClusterRegistry(ClusterConfig config, AwsClients aws) {
        this.config = config;
        this.aws = aws;
    }

    /** Every registered cluster, in the registry's order. */
    public List<RegisteredCluster> clusters() {
        Optional<String> parameter = config.clustersParameter().filter(p -> !p.isBlank());
        Optional<String> variable = config.clusters().filter(c -> !c.isBlank());
        if (parameter.isPresent() && variable.isPresent()) {
            throw new ConfigurationException(VARIABLE + " and " + PARAMETER_VARIABLE + " are both set: the registry "
                    + "must have one home; keep " + PARAMETER_VARIABLE + " on AWS, " + VARIABLE + " for local runs");
        }
        if (parameter.isPresent()) {
            return fromParameter(parameter.get());
        }
        if (variable.isPresent()) {
            Loaded current = loaded;
            if (current == null) {
                current = new Loaded(parse(variable.get(), VARIABLE, true), 0);
                loaded = current;
            }
            return current.clusters();
        }
        return List.of(RegisteredCluster.single(config.clusterUrl().orElse(null),
                config.apiTokenSecretArn().filter(a -> !a.isBlank()).orElse(null), config.apiToken().orElse(null)));
    }

    /**
     * The clusters known from configuration alone: DT_CLUSTERS or the single-cluster variables; none when the
     * registry is the SSM parameter, which may only be read during an invocation. Never reads anything remote.
     */
    public List<RegisteredCluster> configured() {
        if (config.clustersParameter().filter(p -> !p.isBlank()).isPresent()) {
            return List.of();
        }
        try {
            return clusters();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /**
     * The cluster a request names in {@code cluster}; without a name, the only one. Refused, before anything is
     * sent, when the name is unknown or missing in a fleet: the message lists the registered names.
     */
    public RegisteredCluster select(String name) {
        List<RegisteredCluster> clusters = clusters();
        if (name == null || name.isBlank()) {
            if (clusters.size() == 1) {
                return clusters.get(0);
            }
            throw new InvalidInputException("cluster: is required, this deployment serves " + clusters.size()
                    + " clusters: " + names(clusters));
        }
        for (RegisteredCluster cluster : clusters) {
            if (cluster.name().equals(name)) {
                return cluster;
            }
        }
        throw new InvalidInputException("cluster: " + Quoted.of(name) + " is not registered; known clusters: "
                + names(clusters));
    }

    private static String names(List<RegisteredCluster> clusters) {
        return String.join(", ", clusters.stream().map(RegisteredCluster::name).toList());
    }

    private List<RegisteredCluster> fromParameter(String parameter) {
        long now = System.nanoTime();
        Loaded current = loaded;
        if (current != null && now - current.readAt() < config.clustersCacheTtl().toNanos()) {
            return current.clusters();
        }
        String json;
        try {
            json = aws.ssm().getParameter(b -> b.name(parameter).withDecryption(true)
                    .overrideConfiguration(aws.withinBudget())).parameter().value();
        } catch (SdkException e) {
            throw new RegistryUnavailableException("Could not read the cluster registry from SSM parameter "
                    + parameter + " (" + PARAMETER_VARIABLE + "): " + AwsFailures.describe(e),
                    AwsFailures.retryable(e));
        }
        List<RegisteredCluster> clusters = parse(json, "SSM parameter " + parameter, false);
        loaded = new Loaded(clusters, now);
        return clusters;
    }

    /**
     * Reads and checks a registry; every problem is named with its entry. {@code tokensAllowed}: whether an entry
     * may hold its API token itself (in an environment variable of a local run, never in a parameter).
     */
    static List<RegisteredCluster> parse(String json, String registry, boolean tokensAllowed) {
        Entry[] entries;
        try {
            entries = ENTRIES.readValue(json, Entry[].class);
        } catch (JsonProcessingException e) {
            throw unreadable(registry, e, tokensAllowed);
        }
        if (entries == null || entries.length == 0) {
            throw new ConfigurationException(registry + " lists no cluster: give at least one");
        }
        RegisteredCluster.Origin origin = new RegisteredCluster.Origin(registry);
        List<String> problems = new ArrayList<>();
        List<RegisteredCluster> clusters = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < entries.length; i++) {
            Entry entry = entries[i];
            String at = registry + "[" + i + "]";
            if (entry == null) {
                problems.add(at + ": must be a cluster, not null");
                continue;
            }
            if (entry.name() == null || !RegisteredCluster.NAME.matcher(entry.name()).matches()) {
                problems.add(at + ".name: " + Quoted.of(entry.name()) + " must be 1 to 40 lower-case letters, digits "
                        + "or hyphens, starting and ending with a letter or digit (it becomes part of S3 keys, "
                        + "secret names and metric dimensions)");
            } else if (!names.add(entry.name())) {
                problems.add(at + ".name: '" + entry.name() + "' is registered twice");
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
            try {
                ClusterEndpoint.parse(cluster.url(), at + ".url");
            } catch (ConfigurationException e) {
                problems.add(e.getMessage());
            }
            clusters.add(cluster);
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(String.join("; ", problems));
        }
        return List.copyOf(clusters);
    }

    /**
     * A registry Jackson could not read or bind: where it stopped (line and column, or the entry and field, e.g.
     * {@code DT_CLUSTERS[2].staleAftr}, as every other problem names its entry) and the rule; never the text there,
     * which may be a token pasted without its quotes, nor a Java type.
     */
    private static ConfigurationException unreadable(String registry, JsonProcessingException e,
            boolean tokensAllowed) {
        String fields = "{name, url, apiTokenSecretArn" + (tokensAllowed ? " or apiToken" : "") + ", staleAfter, "
                + "exclude, remediation}";
        StringBuilder at = new StringBuilder(registry);
        if (e instanceof JsonMappingException mapping) {
            for (JsonMappingException.Reference reference : mapping.getPath()) {
                at.append(reference.getFieldName() != null
                        ? "." + Quoted.bare(reference.getFieldName())
                        : "[" + reference.getIndex() + "]");
            }
        }
        // Binding wraps a syntax error met inside an entry; either way, only where it is is shown.
        StreamReadException syntax = e instanceof StreamReadException read
                ? read
                : e.getCause() instanceof StreamReadException read ? read : null;
        if (syntax != null) {
            JsonLocation where = syntax.getLocation();
            return new ConfigurationException(at + " is not valid JSON" + (where == null
                    ? ""
                    : " (at line " + where.getLineNr() + ", column " + where.getColumnNr() + ")")
                    + ": it must be a JSON array of clusters " + fields);
        }
        if (at.length() == registry.length()) {
            return new ConfigurationException(registry + " is not a JSON array of clusters " + fields);
        }
        if (e instanceof UnrecognizedPropertyException) {
            return new ConfigurationException(at + ": unknown field; a cluster has only " + fields);
        }
        Class<?> type = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        String expected = type == null || type == Entry.class
                ? "a cluster " + fields
                : java.util.Collection.class.isAssignableFrom(type)
                        ? "a list of strings"
                        : type == String.class ? "a string" : type == Integer.class ? "a whole number" : "an object";
        return new ConfigurationException(at + ": expected " + expected);
    }
}
