package com.clustertokens.infra;

import static com.clustertokens.testing.Lambda.invokeOk;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.clustertokens.testing.Exports;
import com.clustertokens.testing.FleetResource;
import com.clustertokens.testing.InjectFleet;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The fleet-summary sample, as the map's results reach it: a reported cluster and a caught failure. */
@QuarkusTest
@TestProfile(Exports.FleetSummary.class)
@WithTestResource(value = FleetResource.class, initArgs = @ResourceArg(name = "clusters", value = "1"))
class FleetSummarySampleEventsTest {

    @InjectFleet
    FleetResource.Fleet fleet;

    @Test
    void summarisesEveryClusterAndTellsWhyTheFailedOneFailedWithoutCallingAnyCluster() throws Exception {
        var response = invokeOk(FleetSampleEvents.direct("fleet-summary").toString()).extract();

        assertThat(response.<Integer>path("reported")).isEqualTo(1);
        assertThat(response.<Integer>path("failed")).isEqualTo(1);
        assertThat(response.<Integer>path("stale")).isEqualTo(8);
        assertThat(response.<List<String>>path("clusters.cluster")).containsExactly("c01", "broken");
        assertThat(response.<String>path("clusters[1].error"))
                .isEqualTo("AuthenticationFailedException: Authentication to cluster https://broken.example.com "
                        + "failed (401)");
        assertThat(response.<String>path("summary")).contains("• c01: 8 stale of 40 tokens (report: ")
                .contains("• broken: failed, AuthenticationFailedException").contains("Total: 8 stale of 40 tokens");
        // Tonight's remediation, as the map's results carry it: counts, and a failure with Lambda's message only.
        assertThat(response.<String>path("summary")).contains("  remediation: 2 revoked, 1 deleted\n",
                "  remediation failed, nothing was done after it: AuthenticationFailedException: Authentication to "
                        + "cluster https://broken.example.com failed (401)\n",
                "Remediation tonight: 2 revoked, 1 deleted; 1 cluster's remediation failed",
                "To restore a token revoked tonight: `restore-token {\"cluster\":\"<cluster>\",\"token\":\"<id>\"")
                .doesNotContain("errorType");
        assertThat(response.<Integer>path("clusters[0].remediation.revoked")).isEqualTo(2);
        assertThat(Files.readString(fleet.reportFolder().resolve(response.<String>path("indexKey"))))
                .contains("\"runId\":\"2026-11-30T030000Z\"");
        fleet.clusters().values().forEach(cluster -> assertThat(cluster.requests()).isEmpty());
    }
}
