package com.clustertokens.cluster;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import com.clustertokens.error.ConfigurationException;

/** A validated cluster base URL; the message of every failure to build one names the setting it came from. */
public record ClusterEndpoint(URI baseUri) {

    static final String VARIABLE = "DT_CLUSTER_URL";

    /** Parses and checks DT_CLUSTER_URL. */
    public static ClusterEndpoint parse(String raw) {
        return parse(raw, VARIABLE);
    }

    /**
     * Parses and checks a configured URL: absolute http(s), a host, no credentials, query or fragment;
     * {@code setting} names where it was configured.
     */
    public static ClusterEndpoint parse(String raw, String setting) {
        if (raw == null || raw.isBlank()) {
            throw new ConfigurationException(setting + " is not set: set it to the cluster's base URL, "
                    + "for example https://managed.example.com");
        }
        String trimmed = raw.strip();
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw malformed(setting, trimmed, "it is not a valid URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw malformed(setting, trimmed, "it must start with https:// (or http:// for a local cluster)");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw malformed(setting, trimmed, "it has no host name");
        }
        if (uri.getRawUserInfo() != null) {
            throw new ConfigurationException(setting + " is malformed: it must not contain credentials; "
                    + "the API token goes in " + (VARIABLE.equals(setting) ? "DT_API_TOKEN" : "apiTokenSecretArn"));
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw malformed(setting, trimmed, "it must not have a query (?…) or fragment (#…)");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        if (path.contains("/api/cluster")) {
            throw malformed(setting, trimmed, "give the cluster's base URL, without /api/cluster/v2");
        }
        return new ClusterEndpoint(URI.create(scheme + "://" + uri.getRawAuthority() + path));
    }

    private static ConfigurationException malformed(String setting, String raw, String rule) {
        return new ConfigurationException(setting + " '" + raw + "' is malformed: " + rule);
    }

    @Override
    public String toString() {
        return baseUri.toString();
    }
}
