package com.clustertokens.remediation;

import java.util.Map;

import com.clustertokens.testing.Exports;

/**
 * remediate-tokens exported, in apply mode, every name in scope (stated on purpose), at most 5 actions a run, names
 * keep-* excluded, delete after 14 days.
 */
public class RemediationProfile extends Exports.Export {

    public RemediationProfile() {
        super("remediate-tokens", Map.of("remediation.mode", "apply", "remediation.max-actions", "5",
                "remediation.exclude", "keep-*", "remediation.delete-after", "P14D",
                "remediation.restore-hold", "P30D", "remediation.scope-names", "*"));
    }
}
