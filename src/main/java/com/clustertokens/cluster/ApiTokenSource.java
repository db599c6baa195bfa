package com.clustertokens.cluster;

import jakarta.enterprise.context.ApplicationScoped;

import com.clustertokens.aws.SecretValues;
import com.clustertokens.error.ConfigurationException;
import com.clustertokens.lambda.Deadline;
import com.clustertokens.security.Secrets;

/**
 * Supplies a cluster's API token at invocation time, checked but never shown: from Secrets Manager when the cluster
 * names a secret (DT_API_TOKEN_SECRET_ARN, or apiTokenSecretArn in the registry; cached with a time-to-live, so a
 * rotation is picked up), else the token given directly (DT_API_TOKEN, or apiToken in DT_CLUSTERS).
 * It is read at the first invocation, never at start-up, so a SnapStart snapshot never holds it.
 */
@ApplicationScoped
public class ApiTokenSource {

    static final String VARIABLE = "DT_API_TOKEN";
    static final String SECRET_VARIABLE = "DT_API_TOKEN_SECRET_ARN";

    private final SecretValues secrets;

    public ApiTokenSource(SecretValues secrets) {
        this.secrets = secrets;
    }

    /** Where the cluster's API token is read from, as error messages name it. */
    public String source(RegisteredCluster cluster) {
        String arn = cluster.apiTokenSecretArn();
        return arn == null
                ? cluster.origin().name(cluster.name(), "apiToken", VARIABLE)
                : "the secret " + arn + " (" + cluster.origin().name(cluster.name(), "apiTokenSecretArn",
                        SECRET_VARIABLE) + ")";
    }

    /** The cluster's API token, validated; registered for redaction so it cannot reach a log. */
    public String token(RegisteredCluster cluster, Deadline deadline) {
        String arn = cluster.apiTokenSecretArn();
        String token = arn == null ? cluster.apiToken() : secrets.get(arn, deadline);
        validate(token, source(cluster));
        Secrets.register(token);
        return token;
    }

    /**
     * Drops the cached token and reads it again; true when a new value was found (the token was rotated), so a
     * request the cluster refused is worth sending once more. Never true for a token given directly.
     */
    public boolean refresh(RegisteredCluster cluster, Deadline deadline) {
        String arn = cluster.apiTokenSecretArn();
        if (arn == null) {
            return false;
        }
        String before = secrets.evict(arn);
        return !token(cluster, deadline).equals(before);
    }

    static void validate(String token) {
        validate(token, VARIABLE);
    }

    /** Checks the token's shape without ever echoing it; the message names where it came from and the rule. */
    static void validate(String token, String source) {
        if (token == null || token.isBlank()) {
            throw new ConfigurationException(source + " is not set: set " + SECRET_VARIABLE + " (on AWS) or "
                    + VARIABLE + " (local runs) to a cluster API token with the ClusterTokenManagement scope");
        }
        if (token.regionMatches(true, 0, "Api-Token", 0, "Api-Token".length())) {
            throw new ConfigurationException(source + " is malformed: give the token alone, without the "
                    + "'Api-Token ' prefix");
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c <= ' ' || c >= 127) {
                throw new ConfigurationException(source + " is malformed: it contains whitespace or a character "
                        + "that cannot be sent in an HTTP header (position " + (i + 1) + ")");
            }
        }
        // Opaque legacy tokens are fine; a dt0c01 token with the wrong part lengths was cut off when pasted.
        if (token.startsWith("dt0c01.") && !token.matches("dt0c01\\.[A-Za-z0-9]{24}\\.[A-Za-z0-9]{64}")) {
            throw new ConfigurationException(source + " is malformed: it starts like a dt0c01 token but is not "
                    + "dt0c01.<24 characters>.<64 characters>; was it cut off when copied?");
        }
    }
}
