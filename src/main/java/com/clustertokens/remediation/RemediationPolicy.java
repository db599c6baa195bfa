package com.clustertokens.remediation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.clustertokens.cluster.RegisteredCluster;
import com.clustertokens.error.ConfigurationException;
import com.clustertokens.hygiene.report.StalePeriod;

/** What remediation may do to one cluster, every rule checked once on the values that hold for it. */
public record RemediationPolicy(StalePeriod revokeAfter, StalePeriod deleteAfter, int maxActions,
        List<String> exclude, StalePeriod restoreHold, RemediationScope scope) {

    /** Most actions a policy may allow per run: one run's checks and writes must fit in its Lambda's timeout. */
    public static final int MAX_ACTIONS_LIMIT = 500;

    /** Shortest {@code deleteAfter}: Dynatrace advises about a week between revoke and delete; under a day is refused. */
    public static final Duration MIN_DELETE_AFTER = Duration.ofDays(1);

    /** {@code deleteAfter} periods of a day or more; the template's {@code DeleteAfter} AllowedPattern is this text. */
    public static final String DELETE_AFTER_PATTERN = "^(P[1-9][0-9]{0,3}D|P[1-9][0-9]{0,2}W"
            + "|PT(2[4-9]|[3-9][0-9]|[1-9][0-9]{2,4})H)$";

    /** A registry entry's own settings, each null to keep the deployment's; a {@code scope} replaces it whole. */
    public record Overrides(String revokeAfter, String deleteAfter, Integer maxActions, List<String> exclude,
            String restoreHold, RegisteredCluster.Remediation.Scope scope) {

        public static final Overrides NONE = new Overrides(null, null, null, null, null, null);
    }

    public static RemediationPolicy of(RemediationConfig config, StalePeriod staleAfter) {
        return of(config, null, Overrides.NONE, staleAfter);
    }

    /**
     * The policy of {@code cluster} (null: the deployment), checked against its own {@code staleAfter}, which is also
     * the revoke period when none is set; each problem names the setting its value came from.
     */
    public static RemediationPolicy of(RemediationConfig config, String cluster, Overrides own,
            StalePeriod staleAfter) {
        List<String> problems = new ArrayList<>();
        String revokeAfterName = name(cluster, own.revokeAfter(), "revokeAfter", "REVOKE_AFTER");
        StalePeriod revokeAfter = StalePeriod.parse(revokeAfterName, Objects.requireNonNullElse(own.revokeAfter(),
                config.revokeAfter().orElse(staleAfter.text())), problems);
        String deleteAfterName = name(cluster, own.deleteAfter(), "deleteAfter", "DELETE_AFTER");
        StalePeriod deleteAfter = StalePeriod.parse(deleteAfterName, Objects.requireNonNullElse(own.deleteAfter(),
                config.deleteAfter()), problems);
        StalePeriod restoreHold = StalePeriod.parse(name(cluster, own.restoreHold(), "restoreHold", "RESTORE_HOLD"),
                Objects.requireNonNullElse(own.restoreHold(), config.restoreHold()), problems);
        int maxActions = Objects.requireNonNullElse(own.maxActions(), config.maxActions());
        if (revokeAfter != null && revokeAfter.length().compareTo(staleAfter.length()) < 0) {
            problems.add(revokeAfterName + ": " + revokeAfter.text() + " is shorter than the stale period "
                    + staleAfter.text() + "; a token is revoked only once the report calls it stale"
                    + (cluster != null && own.revokeAfter() == null
                            ? " (give the cluster its own remediation.revokeAfter in the registry)"
                            : ""));
        }
        if (deleteAfter != null && deleteAfter.length().compareTo(MIN_DELETE_AFTER) < 0) {
            problems.add(deleteAfterName + ": " + deleteAfter.text() + " is shorter than one day (P1D); Dynatrace "
                    + "advises waiting about a week between revoking a token and deleting it");
        }
        if (maxActions < 1 || maxActions > MAX_ACTIONS_LIMIT) {
            problems.add(name(cluster, own.maxActions(), "maxActions", "MAX_ACTIONS") + ": must be between 1 and "
                    + MAX_ACTIONS_LIMIT + ", got " + maxActions);
        }
        RemediationScope scope = scope(config, cluster, own.scope(), problems);
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Remediation policy: " + String.join("; ", problems));
        }
        List<String> exclude = own.exclude() != null ? own.exclude() : config.exclude().orElse(List.of());
        return new RemediationPolicy(revokeAfter, deleteAfter, maxActions, List.copyOf(exclude), restoreHold,
                scope);
    }

    private static RemediationScope scope(RemediationConfig config, String cluster,
            RegisteredCluster.Remediation.Scope own, List<String> problems) {
        String unset = "set REMEDIATION_SCOPE_OWNERS and/or REMEDIATION_SCOPE_NAMES"
                + (cluster == null ? "" : ", or the cluster's remediation.scope in the registry")
                + "; [\"*\"] states every owner or name on purpose";
        if (own == null) {
            return RemediationScope.of(config.scopeOwners().orElse(null), config.scopeNames().orElse(null),
                    "REMEDIATION_SCOPE_OWNERS", "REMEDIATION_SCOPE_NAMES", unset, problems);
        }
        String setting = "cluster " + cluster + ": remediation.scope";
        RemediationScope scope = RemediationScope.of(own.owners(), own.names(), setting + ".owners",
                setting + ".names", unset, problems);
        if (!scope.stated()) {
            problems.add(setting + ": give owners, names or both ([\"*\"] for every one), or leave scope out to "
                    + "keep the deployment's");
        }
        return scope;
    }

    public Duration deleteDelay() {
        return deleteAfter.length();
    }

    /** How a problem names a setting: the cluster's own ({@code cluster prod: revokeAfter}), else the variable. */
    private static String name(String cluster, Object ownValue, String registryName, String variableSuffix) {
        String prefix = cluster == null ? "" : "cluster " + cluster + ": ";
        return prefix + (ownValue != null ? registryName : "REMEDIATION_" + variableSuffix);
    }
}
