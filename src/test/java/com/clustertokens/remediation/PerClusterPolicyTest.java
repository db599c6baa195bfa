package com.clustertokens.remediation;

import static com.clustertokens.testing.Lambda.invokeFailing;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.clustertokens.cluster.ClusterSelection;
import com.clustertokens.testing.Exports;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** In a fleet, remediation works on the cluster a request names, under that cluster's own policy. */
@QuarkusTest
@TestProfile(PerClusterPolicyTest.Fleet.class)
class PerClusterPolicyTest {

    private static final String TOKEN = "dt0c01.PERCLUSTERPOLICY00000000." + "P".repeat(64);

    /** Two clusters (never called here): prod with its own policy and report exclusions, staging with none. */
    public static class Fleet extends Exports.Export {
        public Fleet() {
            super("remediate-tokens", Map.of("dt.clusters", "[{\"name\":\"prod\",\"url\":\"http://127.0.0.1:9\","
                    + "\"apiToken\":\"" + TOKEN + "\",\"staleAfter\":\"P60D\",\"exclude\":[\"backup-*\"],"
                    + "\"remediation\":{\"revokeAfter\":\"P120D\",\"maxActions\":5,\"exclude\":[\"ci-*\"]}},"
                    + "{\"name\":\"staging\",\"url\":\"http://127.0.0.1:9\",\"apiToken\":\"" + TOKEN + "\"}]",
                    "remediation.max-actions", "20", "hygiene.stale-after", "P90D"));
        }
    }

    @Inject
    RemediationService remediation;

    @Inject
    ClusterSelection selection;

    @Test
    void layersAClustersOwnPolicyAndReportExclusionsOverTheDeployments() {
        RemediationPolicy prod = selection.within("prod", remediation::policy);
        RemediationPolicy staging = selection.within("staging", remediation::policy);

        assertThat(prod.revokeAfter().text()).isEqualTo("P120D");
        assertThat(prod.maxActions()).isEqualTo(5);
        assertThat(prod.exclude()).containsExactlyInAnyOrder("backup-*", "ci-*");
        assertThat(staging.revokeAfter().text()).as("the deployment's stale period").isEqualTo("P90D");
        assertThat(staging.maxActions()).isEqualTo(20);
        assertThat(staging.exclude()).isEmpty();
    }

    @Test
    void refusesAnUnknownClusterWithTheKnownNames() {
        String error = invokeFailing("{\"cluster\":\"qa\"}");

        assertThat(error).startsWith("InvalidInputException").contains("cluster: 'qa' is not registered")
                .contains("prod, staging");
    }
}
