package com.clustertokens.token;

import java.util.Arrays;

import com.clustertokens.error.Quoted;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where a created token's secret goes: back to the caller, or into a new AWS Secrets Manager secret. */
public enum Delivery {
    RETURN("return"), SECRETS_MANAGER("secretsManager");

    private final String wireName;

    Delivery(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static Delivery of(String wireName) {
        return Arrays.stream(values()).filter(d -> d.wireName.equals(wireName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(Quoted.of(wireName) + " is not a delivery; use return "
                        + "or secretsManager"));
    }
}
