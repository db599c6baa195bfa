package com.clustertokens.rotation;

import java.util.Map;

import com.clustertokens.testing.Exports;

/**
 * rotate-token exported in a deployment that only plans (REMEDIATION_MODE plan) and states no remediation scope:
 * a rotation's follow-up must act all the same. Delete after 14 days, grace 7 days (the defaults).
 */
public class RotationProfile extends Exports.Export {

    public RotationProfile() {
        super("rotate-token", Map.of("remediation.mode", "plan", "remediation.delete-after", "P14D"));
    }
}
