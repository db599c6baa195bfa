package com.clustertokens.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.clustertokens.cluster.RegistryEntries.Registry;
/** A registry entry's remediation scope: read as given, and a misspelt field refused rather than ignored. */
class RegistryRemediationScopeTest {

    private static final String TOKEN = "dt0c01.REGISTRYSCOPETOKEN0000000." + "Q".repeat(64);

    @Test
    void readsTheOwnersAndNamesOfAClustersScope() {
        List<RegisteredCluster> clusters = RegistryEntries.parse(
                entry("{\"owners\":[\"svc-*\"],\"names\":[\"*\"]}"), "DT_CLUSTERS", true).clusters();

        RegisteredCluster.Remediation.Scope scope = clusters.get(0).remediation().scope();
        assertThat(scope.owners()).containsExactly("svc-*");
        assertThat(scope.names()).containsExactly("*");
    }

    @Test
    void refusesAMisspeltScopeFieldNamingWhereItIs() {
        Registry registry = RegistryEntries.parse(entry("{\"owner\":[\"bob\"]}"), "DT_CLUSTERS", true);

        assertThat(registry.clusters()).isEmpty();
        assertThat(registry.refused().get("prod")).contains("DT_CLUSTERS[0].remediation.scope.owner: unknown field")
                .doesNotContain(TOKEN);
    }

    private static String entry(String scope) {
        return "[{\"name\":\"prod\",\"url\":\"https://prod.example.com\",\"apiToken\":\"" + TOKEN
                + "\",\"remediation\":{\"scope\":" + scope + "}}]";
    }
}
