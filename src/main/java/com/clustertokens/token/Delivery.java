package com.clustertokens.token;

import com.clustertokens.error.WireName;

import com.fasterxml.jackson.annotation.JsonCreator;

/** Where a created token's secret goes: back to the caller, or into a new AWS Secrets Manager secret. */
public enum Delivery implements WireName {
    RETURN, SECRETS_MANAGER;

    @JsonCreator
    public static Delivery of(String wire) {
        return WireName.of(Delivery.class, wire, "a delivery");
    }
}
