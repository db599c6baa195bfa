package com.clustertokens.cluster;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import com.clustertokens.error.ConfigurationException;

/** A validated cluster base URL; the message of every failure to build one names the setting it came from. */
public record ClusterEndpoint(URI baseUri) {

    static final String VARIABLE = "DT_CLUSTER_URL";

    private static final String SCHEME_RULE = "it must start with https://, or http:// for a loopback host only "
            + "(localhost, 127.0.0.0/8, [::1]): the API token goes with every request";
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    public static ClusterEndpoint parse(String raw) {
        return parse(raw, VARIABLE);
    }

    /**
     * Parses and checks a configured URL: absolute https (http only to a loopback host), a host, no credentials,
     * query or fragment; {@code setting} names where it was configured.
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
            throw malformed(setting, trimmed, SCHEME_RULE);
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw malformed(setting, trimmed, "it has no host name");
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            throw malformed(setting, trimmed, SCHEME_RULE);
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

    /**
     * The cluster this URL reaches, however it is spelt: scheme, host in lower case (an IPv6 address in one form),
     * the port even when it is the default, and the path; two entries with one identity are one cluster.
     */
    public String identity() {
        String host = baseUri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            host = "[" + literal(host).getHostAddress() + "]";
        }
        int port = baseUri.getPort() >= 0 ? baseUri.getPort() : baseUri.getScheme().equals("https") ? 443 : 80;
        return baseUri.getScheme() + "://" + host + ":" + port + baseUri.getRawPath();
    }

    /** localhost, an IPv4 address in 127.0.0.0/8 written as four numbers, or the IPv6 loopback; never a DNS look-up. */
    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (host.startsWith("[")) {
            return literal(host).isLoopbackAddress();
        }
        Matcher quad = IPV4.matcher(host);
        return quad.matches() && quad.group(1).equals("127") && IntStream.rangeClosed(2, 4).allMatch(
                i -> Integer.parseInt(quad.group(i)) <= 255);
    }

    /** The IPv6 address of a bracketed host, which java.net.URI has already checked is a literal. */
    private static InetAddress literal(String bracketed) {
        try {
            return InetAddress.getByName(bracketed.substring(1, bracketed.length() - 1));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("java.net.URI accepted an IPv6 literal InetAddress does not", e);
        }
    }

    private static ConfigurationException malformed(String setting, String raw, String rule) {
        return new ConfigurationException(setting + " '" + raw + "' is malformed: " + rule);
    }

    @Override
    public String toString() {
        return baseUri.toString();
    }
}
