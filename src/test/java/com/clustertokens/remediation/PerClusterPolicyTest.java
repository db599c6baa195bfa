package com.clustertokens.remediation;

import static com.clustertokens.testing.Lambda.invokeFailing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.clustertokens.cluster.ClusterRegistry;
import com.clustertokens.error.ConfigurationException;
import com.clustertokens.testing.Exports;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** In a fleet, remediation works on the cluster a request names, under that cluster's own policy. */
@QuarkusTest
@TestProfile(PerClusterPolicyTest.Fleet.class)
class PerClusterPolicyTest {

    private static final String TOKEN = "dt0c01.PERCLUSTERPOLICY00000000." + "P".repeat(64);

    /** The API token of cluster {@code n}: a registry refuses one token for two clusters. */
    private static String token(int n) {
        return TOKEN.substring(0, TOKEN.length() - 1) + n;
    }

    /**
     * Clusters never called here: prod with its own policy and report exclusions, staging with none, archive and cold
     * with stale periods longer than the deployment's (archive with its own revoke period, cold without).
     */
    public static class Fleet extends Exports.Export {
        public Fleet() {
            super("remediate-tokens", Map.of("dt.clusters", "[{\"name\":\"prod\",\"url\":\"http://127.0.0.1:9\","
                    + "\"apiToken\":\"" + token(0) + "\",\"staleAfter\":\"P60D\",\"exclude\":[\"backup-*\"],"
                    + "\"remediation\":{\"revokeAfter\":\"P120D\",\"maxActions\":5,\"exclude\":[\"ci-*\"],"
                    + "\"scope\":{\"owners\":[\"svc-*\"]}}},"
                    + "{\"name\":\"staging\",\"url\":\"http://127.0.0.2:9\",\"apiToken\":\"" + token(1) + "\"},"
                    + "{\"name\":\"archive\",\"url\":\"http://127.0.0.3:9\",\"apiToken\":\"" + token(2) + "\","
                    + "\"staleAfter\":\"P180D\",\"remediation\":{\"revokeAfter\":\"P200D\"}},"
                    + "{\"name\":\"cold\",\"url\":\"http://127.0.0.4:9\",\"apiToken\":\"" + token(3) + "\","
                    + "\"staleAfter\":\"P180D\"}]",
                    // As the template sets it: the deployment's revoke period, the deployment's stale period.
                    "remediation.max-actions", "20", "remediation.revoke-after", "P90D", "hygiene.stale-after",
                    "P90D"));
        }
    }

    @Inject
    RemediationService remediation;

    @Inject
    ClusterRegistry registry;

    @Test
    void layersAClustersOwnPolicyAndReportExclusionsOverTheDeployments() {
        RemediationPolicy prod = remediation.policy(registry.select("prod"));
        RemediationPolicy staging = remediation.policy(registry.select("staging"));

        assertThat(prod.revokeAfter().text()).isEqualTo("P120D");
        assertThat(prod.maxActions()).isEqualTo(5);
        assertThat(prod.exclude()).containsExactlyInAnyOrder("backup-*", "ci-*");
        assertThat(prod.scope().owners()).as("its registry entry's").containsExactly("svc-*");
        assertThat(staging.revokeAfter().text()).as("the deployment's stale period").isEqualTo("P90D");
        assertThat(staging.maxActions()).isEqualTo(20);
        assertThat(staging.exclude()).isEmpty();
        assertThat(staging.scope().stated()).as("none in this deployment").isFalse();
    }

    @Test
    void checksAClustersOwnRevokePeriodAgainstItsOwnLongerStalePeriod() {
        RemediationPolicy archive = remediation.policy(registry.select("archive"));

        assertThat(archive.revokeAfter().text()).isEqualTo("P200D");
        assertThat(archive.maxActions()).as("the deployment's").isEqualTo(20);
    }

    @Test
    void refusesTheDeploymentsRevokePeriodForAClusterThatCallsTokensStaleOnlyLater() {
        assertThatThrownBy(() -> remediation.policy(registry.select("cold")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("cluster cold: REMEDIATION_REVOKE_AFTER: P90D is shorter than the stale period "
                        + "P180D")
                .hasMessageContaining("remediation.revokeAfter");
    }

    @Test
    void refusesAnUnknownClusterWithTheKnownNames() {
        String error = invokeFailing("{\"cluster\":\"qa\"}");

        assertThat(error).startsWith("InvalidInputException").contains("cluster: 'qa' is not registered")
                .contains("prod, staging, archive, cold");
    }
}
