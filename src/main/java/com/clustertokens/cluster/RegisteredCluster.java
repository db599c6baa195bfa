package com.clustertokens.cluster;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One cluster of the registry: its {@code name} (what a request's {@code cluster} names), base {@code url}, where
 * its API token comes from ({@code apiTokenSecretArn}, or {@code apiToken} itself in local runs and tests), and its
 * own report settings ({@code staleAfter}, {@code exclude}) and remediation policy ({@code remediation}), each null
 * where the deployment's hold. {@code origin} names where the entry was configured, so every error points there.
 */
public record RegisteredCluster(String name, String url, String apiTokenSecretArn, String apiToken, String staleAfter,
        List<String> exclude, Remediation remediation, Origin origin) {

    /** The name of the one cluster configured through the single-cluster variables. */
    public static final String DEFAULT = "default";

    /** What a cluster name may be: it becomes part of S3 keys, secret names, log fields and metric dimensions. */
    static final Pattern NAME = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?");

    /**
     * A cluster's own remediation policy, each setting null where the deployment's (REMEDIATION_*) holds; checked
     * where it is used, naming the cluster.
     */
    public record Remediation(String revokeAfter, String deleteAfter, Integer maxActions, List<String> exclude,
            String restoreHold, Scope scope) {

        /** Nothing of the cluster's own: the deployment's policy holds. */
        public static final Remediation NONE = new Remediation(null, null, null, null, null, null);

        /**
         * The tokens remediation may act on in this cluster, replacing the deployment's scope as a whole: owners
         * and name patterns ({@code *} and {@code ?} globs; {@code ["*"]} for all), each null where not limited.
         */
        public record Scope(List<String> owners, List<String> names) {
        }
    }

    /** Where an entry was configured: the single-cluster variables, or a registry (and which). */
    public record Origin(String registry) {

        static final Origin VARIABLES = new Origin(null);

        /** How an error names one of the entry's settings ({@code setting} as the registry spells it). */
        String name(String cluster, String setting, String variable) {
            return registry == null ? variable : "cluster '" + cluster + "' " + setting + " (" + registry + ")";
        }
    }

    /** The one cluster of the single-cluster variables DT_CLUSTER_URL and DT_API_TOKEN_SECRET_ARN or DT_API_TOKEN. */
    public static RegisteredCluster single(String url, String apiTokenSecretArn, String apiToken) {
        return new RegisteredCluster(DEFAULT, url, apiTokenSecretArn, apiToken, null, null, null, Origin.VARIABLES);
    }

    /** Whether this is the cluster of the single-cluster variables, whose keys and names stay as they always were. */
    public boolean isDefault() {
        return origin.registry() == null;
    }

    /**
     * {@code key} made unique across the fleet: an idempotency key, a run key or a secret's suffix of one cluster
     * never meets another's. The single-cluster deployment's keys stay unprefixed, so its records stay valid.
     */
    public String scope(String key) {
        return isDefault() ? key : name + "/" + key;
    }

    String urlSetting() {
        return origin.name(name, "url", ClusterEndpoint.VARIABLE);
    }

    // The API token must never reach a log line or message, whatever prints this record.
    @Override
    public String toString() {
        return "cluster '" + name + "' (" + url + ")";
    }
}
