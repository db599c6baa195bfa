package com.clustertokens.cluster;

import jakarta.enterprise.context.ApplicationScoped;

import com.clustertokens.error.ConfigurationException;
import com.clustertokens.security.Secrets;

/** Supplies the cluster API token at invocation time, checked but never shown. */
@ApplicationScoped
public class ApiTokenSource {

    static final String VARIABLE = "DT_API_TOKEN";

    private final ClusterConfig config;

    public ApiTokenSource(ClusterConfig config) {
        this.config = config;
    }

    /** The API token, validated; registered for redaction so it cannot reach a log. */
    public String token() {
        String token = config.apiToken().orElse(null);
        validate(token);
        Secrets.register(token);
        return token;
    }

    /** Checks the token's shape without ever echoing it; the message names the variable and the rule. */
    static void validate(String token) {
        if (token == null || token.isBlank()) {
            throw new ConfigurationException(VARIABLE + " is not set: set it to a cluster API token with the "
                    + "ClusterTokenManagement scope");
        }
        if (token.regionMatches(true, 0, "Api-Token", 0, "Api-Token".length())) {
            throw new ConfigurationException(VARIABLE + " is malformed: give the token alone, without the "
                    + "'Api-Token ' prefix");
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c <= ' ' || c >= 127) {
                throw new ConfigurationException(VARIABLE + " is malformed: it contains whitespace or a character "
                        + "that cannot be sent in an HTTP header (position " + (i + 1) + ")");
            }
        }
        // Opaque legacy tokens are fine; a dt0c01 token with the wrong part lengths was cut off when pasted.
        if (token.startsWith("dt0c01.") && !token.matches("dt0c01\\.[A-Za-z0-9]{24}\\.[A-Za-z0-9]{64}")) {
            throw new ConfigurationException(VARIABLE + " is malformed: it starts like a dt0c01 token but is not "
                    + "dt0c01.<24 characters>.<64 characters>; was it cut off when copied?");
        }
    }
}
