package com.clustertokens.infra;

import static com.clustertokens.testing.Lambda.invokeOk;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.clustertokens.testing.Exports;
import com.clustertokens.testing.FleetResource;
import com.clustertokens.testing.InjectFleet;
import com.clustertokens.testing.Lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;

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

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no scheduled time|/scheduledTime|scheduledTime: is required, the run's identity",
            "a status of its own|/results/0/status=done|results[0].status: 'done' is not one of reported, failed",
            "another object's key|/results/0/reportKey=reports/latest/c02.json|results[0].reportKey: "
                    + "'reports/latest/c02.json', must be 'reports/2026-11-30T030000Z/c01.json', the key fleet-report "
                    + "writes for this cluster and run",
            "another run's page|/results/0/pageKey=reports/2026-11-29T030000Z/c01.html|results[0].pageKey: "
                    + "'reports/2026-11-29T030000Z/c01.html', must be 'reports/2026-11-30T030000Z/c01.html', the key "
                    + "fleet-report writes for this cluster and run",
            "a stale count that does not add up|/results/0/stale=#9|results[0].stale: must be counts.dormant + "
                    + "counts.noRecordedUse",
            "a reported result with an error|/results/0/error=x|results[0]: a reported result has no errorType or "
                    + "error",
            "a failed result with counts|/results/1/stale=#3|results[1]: a failed result has no counts, stale, "
                    + "reportKey or pageKey",
            "a cluster twice|/results/1/cluster=c01|results[1].cluster: 'c01' has a result already",
            "a name no entry can have|/results/1/cluster=../index|results[1].cluster: '../index' is not a registry "
                    + "entry's name",
            "a field of its own|/results/1/retries=#2|results[1].retries: unknown field; expected one of cluster, "
                    + "counts, error, errorType, expiry, pageKey, remediation, reportKey, stale, status",
            "a failed result's remediation with a field of its own|/results/1/remediation/actions=x|"
                    + "results[1].remediation.actions: unknown field; expected one of applied, deleted, failed, "
                    + "failure, notApplied, notAttempted, problems, revoked, run, skipped, unknown"})
    void acceptsOnlyTheResultsTheStateMachineSendsBeforeWritingOrSendingAnything(String change, String edit,
            String problem) throws Exception {
        ObjectNode event = (ObjectNode) FleetSampleEvents.direct("fleet-summary");
        String[] pathAndValue = edit.split("=", 2);
        String path = pathAndValue[0];
        ObjectNode parent = (ObjectNode) event.at(path.substring(0, path.lastIndexOf('/')));
        String field = path.substring(path.lastIndexOf('/') + 1);
        if (pathAndValue.length == 1) {
            parent.remove(field);
        } else if (pathAndValue[1].startsWith("#")) {
            parent.put(field, Long.parseLong(pathAndValue[1].substring(1)));
        } else {
            parent.put(field, pathAndValue[1]);
        }
        Path index = fleet.reportFolder().resolve("reports/2026-11-30T030000Z/index.json");
        Files.deleteIfExists(index);

        assertThat(Lambda.invokeFailing(event.toString())).isEqualTo("InvalidInputException: Invalid request: "
                + problem);
        assertThat(index).doesNotExist();
    }
}
