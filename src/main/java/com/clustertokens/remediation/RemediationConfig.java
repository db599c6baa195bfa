package com.clustertokens.remediation;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of remediate-tokens and restore-token, each also read from its environment variable
 * ({@code remediation.max-actions} = {@code REMEDIATION_MAX_ACTIONS}). The deployment's policy; a cluster's own
 * settings overlay it ({@link RemediationPolicy#of(RemediationConfig, String, RemediationPolicy.Overrides, com.clustertokens.hygiene.report.StalePeriod)}).
 */
@ConfigMapping(prefix = "remediation")
public interface RemediationConfig {

    /** {@code plan} (never acts, whatever a request says) or {@code apply} (acts when a request says apply) (REMEDIATION_MODE). */
    @WithDefault("plan")
    String mode();

    /** A token unused this long is revoked; a stale period not shorter than HYGIENE_STALE_AFTER; absent: that period (REMEDIATION_REVOKE_AFTER). */
    Optional<String> revokeAfter();

    /** A token this system revoked is deleted once revoked and unused this long: a stale period (REMEDIATION_DELETE_AFTER). */
    @WithDefault("P14D")
    String deleteAfter();

    /** Most revokes and deletes one run may make; a larger plan is not acted on at all (REMEDIATION_MAX_ACTIONS). */
    @WithDefault("20")
    int maxActions();

    /** Name patterns never acted on, besides the cluster's own tokens, as stale-tokens' exclude (REMEDIATION_EXCLUDE). */
    Optional<List<String>> exclude();

    /** Owner patterns a token must match to be acted on ({@code *} for every owner); with neither scope list set, nothing is acted on (REMEDIATION_SCOPE_OWNERS). */
    Optional<List<String>> scopeOwners();

    /** Name patterns a token must match to be acted on ({@code *} for every name); with neither scope list set, nothing is acted on (REMEDIATION_SCOPE_NAMES). */
    Optional<List<String>> scopeNames();

    /** A restored token is left out of plans this long, unless restore-token is asked for another period (REMEDIATION_RESTORE_HOLD). */
    @WithDefault("P30D")
    String restoreHold();

    /** DynamoDB table of every action (hash key cluster, range key tokenId); without it nothing is planned or done (REMEDIATION_LEDGER_TABLE). */
    Optional<String> ledgerTable();

    /** The command the chat summary gives for a restore, {@code %s} the whole restore-token payload, which names the cluster in a fleet (REMEDIATION_RESTORE_COMMAND). */
    @WithDefault("restore-token %s")
    String restoreCommand();

    /** Most tokens named per section of the chat summary (REMEDIATION_SUMMARY_LINES). */
    @WithDefault("25")
    int summaryLines();
}
