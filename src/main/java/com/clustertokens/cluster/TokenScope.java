package com.clustertokens.cluster;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.clustertokens.error.Quoted;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The 16 cluster token scopes, by their exact wire names. */
public enum TokenScope {
    DIAGNOSTIC_EXPORT("DiagnosticExport"), CONTROL_MANAGEMENT("ControlManagement"), UNATTENDED_INSTALL(
            "UnattendedInstall"), SERVICE_PROVIDER_API("ServiceProviderAPI"), EXTERNAL_SYNTHETIC_INTEGRATION(
                    "ExternalSyntheticIntegration"), CLUSTER_TOKEN_MANAGEMENT(
                            "ClusterTokenManagement"), READ_SYNTHETIC_DATA("ReadSyntheticData"), NODEKEEPER(
                                    "Nodekeeper"), ENVIRONMENT_TOKEN_MANAGEMENT(
                                            "EnvironmentTokenManagement"), ACTIVE_GATE_TOKEN_MANAGEMENT_READ(
                                                    "activeGateTokenManagement.read"), ACTIVE_GATE_TOKEN_MANAGEMENT_CREATE(
                                                            "activeGateTokenManagement.create"), ACTIVE_GATE_TOKEN_MANAGEMENT_WRITE(
                                                                    "activeGateTokenManagement.write"), SETTINGS_READ(
                                                                            "settings.read"), SETTINGS_WRITE(
                                                                                    "settings.write"), API_TOKENS_READ(
                                                                                            "apiTokens.read"), API_TOKENS_WRITE(
                                                                                                    "apiTokens.write");

    private static final Map<String, TokenScope> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(TokenScope::wireName, Function.identity()));

    private final String wireName;

    TokenScope(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Strict form used when reading requests: an unknown name is rejected with a message for the caller. */
    @JsonCreator
    public static TokenScope of(String wireName) {
        return Optional.ofNullable(BY_WIRE_NAME.get(wireName)).orElseThrow(
                () -> new IllegalArgumentException(Quoted.of(wireName) + " is not a cluster token scope"));
    }

    @Override
    public String toString() {
        return wireName;
    }
}
