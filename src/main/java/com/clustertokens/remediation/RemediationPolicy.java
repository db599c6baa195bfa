package com.clustertokens.remediation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.clustertokens.error.ConfigurationException;
import com.clustertokens.hygiene.report.StalePeriod;

/**
 * What remediation may do to one cluster: revoke a token unused for {@code revokeAfter}, delete one this system
 * revoked once it stayed revoked and unused for {@code deleteAfter}, at most {@code maxActions} of both per run,
 * never a token matching {@code exclude}; a restored token is left alone for {@code restoreHold}.
 */
public record RemediationPolicy(StalePeriod revokeAfter, StalePeriod deleteAfter, int maxActions,
        List<String> exclude, StalePeriod restoreHold) {

    /** Most actions a policy may allow per run: one run's checks and writes must fit in its Lambda's timeout. */
    public static final int MAX_ACTIONS_LIMIT = 500;

    /**
     * A cluster's own settings over the deployment's, each null when the cluster keeps the deployment's: the
     * fleet registry gives these per cluster. Periods are text as in the configuration ({@code P120D}).
     */
    public record Overrides(String revokeAfter, String deleteAfter, Integer maxActions, List<String> exclude,
            String restoreHold) {

        public static final Overrides NONE = new Overrides(null, null, null, null, null);
    }

    /**
     * The deployment's policy from its configuration, checked against {@code staleAfter} (the stale period of the
     * reports): throws {@link ConfigurationException} naming every setting that breaks its rule.
     */
    public static RemediationPolicy of(RemediationConfig config, StalePeriod staleAfter) {
        return build("REMEDIATION_", config.revokeAfter().orElse(staleAfter.text()), config.deleteAfter(),
                config.maxActions(), config.exclude().orElse(List.of()), config.restoreHold(), staleAfter);
    }

    /**
     * This policy with a cluster's {@code overrides} (a null field keeps this policy's value), checked against that
     * cluster's {@code staleAfter}; a problem names the cluster's setting ({@code cluster <name>: revokeAfter ...}).
     */
    public RemediationPolicy overlaidWith(String cluster, Overrides overrides, StalePeriod staleAfter) {
        return build("cluster " + cluster + ": ",
                overrides.revokeAfter() != null ? overrides.revokeAfter() : revokeAfter.text(),
                overrides.deleteAfter() != null ? overrides.deleteAfter() : deleteAfter.text(),
                overrides.maxActions() != null ? overrides.maxActions() : maxActions,
                overrides.exclude() != null ? overrides.exclude() : exclude,
                overrides.restoreHold() != null ? overrides.restoreHold() : restoreHold.text(), staleAfter);
    }

    private static RemediationPolicy build(String prefix, String revokeAfterText, String deleteAfterText,
            int maxActions, List<String> exclude, String restoreHoldText, StalePeriod staleAfter) {
        boolean env = prefix.equals("REMEDIATION_");
        List<String> problems = new ArrayList<>();
        StalePeriod revokeAfter = StalePeriod.parse(prefix + (env ? "REVOKE_AFTER" : "revokeAfter"), revokeAfterText,
                problems);
        StalePeriod deleteAfter = StalePeriod.parse(prefix + (env ? "DELETE_AFTER" : "deleteAfter"), deleteAfterText,
                problems);
        StalePeriod restoreHold = StalePeriod.parse(prefix + (env ? "RESTORE_HOLD" : "restoreHold"), restoreHoldText,
                problems);
        if (revokeAfter != null && revokeAfter.length().compareTo(staleAfter.length()) < 0) {
            problems.add(prefix + (env ? "REVOKE_AFTER" : "revokeAfter") + ": " + revokeAfter.text()
                    + " is shorter than the stale period " + staleAfter.text()
                    + "; a token is revoked only once the report calls it stale");
        }
        if (maxActions < 1 || maxActions > MAX_ACTIONS_LIMIT) {
            problems.add(prefix + (env ? "MAX_ACTIONS" : "maxActions") + ": must be between 1 and "
                    + MAX_ACTIONS_LIMIT + ", got " + maxActions);
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Remediation policy: " + String.join("; ", problems));
        }
        return new RemediationPolicy(revokeAfter, deleteAfter, maxActions, List.copyOf(exclude), restoreHold);
    }

    /** How long a token must stay revoked and unused before it is deleted. */
    public Duration deleteDelay() {
        return deleteAfter.length();
    }
}
