package com.clustertokens.remediation;

import com.clustertokens.error.ConfigurationException;

/**
 * The restore command the chat text shows: REMEDIATION_RESTORE_COMMAND with its one {@code %s} replaced by the whole
 * restore-token payload, which names the cluster wherever the deployment serves a registry: in a fleet a command
 * without it is refused as ambiguous, or restores nothing on the cluster the reader meant.
 */
public final class RestoreCommand {

    static final String VARIABLE = "REMEDIATION_RESTORE_COMMAND";

    private RestoreCommand() {
    }

    /** {@code cluster} null: the single cluster, whose payload never named one. */
    public static String of(String template, String cluster, String id) {
        return template.replace("%s", payload(cluster, id));
    }

    /** {@code %s} is the whole payload ({@code --payload '%s'}), no longer the token's id inside it. */
    static void check(String template) {
        int first = template.indexOf("%s");
        if (first < 0 || template.indexOf("%s", first + 1) >= 0) {
            throw new ConfigurationException(VARIABLE + ": must hold %s exactly once, where the restore-token payload "
                    + "goes (e.g. restore-token %s)");
        }
        if (template.contains("\"%s\"")) {
            throw new ConfigurationException(VARIABLE + ": %s stands for the whole restore-token payload "
                    + "({\"token\":…,\"format\":\"text\"}), not for the id inside it: write --payload '%s'");
        }
    }

    private static String payload(String cluster, String id) {
        return "{" + (cluster == null ? "" : "\"cluster\":\"" + cluster + "\",") + "\"token\":\"" + id
                + "\",\"format\":\"text\"}";
    }
}
