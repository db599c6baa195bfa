package com.clustertokens.rotation;

import com.clustertokens.error.WireName;

import com.fasterxml.jackson.annotation.JsonCreator;

/** Secrets Manager's four rotation steps, in the order it calls them, by their exact wire names. */
public enum SecretRotationStep implements WireName {
    CREATE_SECRET, SET_SECRET, TEST_SECRET, FINISH_SECRET;

    @JsonCreator
    public static SecretRotationStep of(String wire) {
        return WireName.of(SecretRotationStep.class, wire, "a rotation step");
    }
}
