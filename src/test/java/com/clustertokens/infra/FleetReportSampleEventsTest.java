package com.clustertokens.infra;

import static com.clustertokens.testing.Lambda.invokeOk;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.clustertokens.testing.Exports;
import com.clustertokens.testing.FleetResource;
import com.clustertokens.testing.InjectFleet;
import com.clustertokens.testing.Lambda;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The fleet-report sample: one cluster's report, written where reports go, returned as counts and its key only. */
@QuarkusTest
@TestProfile(Exports.FleetReport.class)
// FleetRunTest's fleet, so both run in one application: the samples name c01 only.
@WithTestResource(value = FleetResource.class, initArgs = {@ResourceArg(name = "clusters", value = "3"),
        @ResourceArg(name = "misspelt", value = "true")})
class FleetReportSampleEventsTest {

    @InjectFleet
    FleetResource.Fleet fleet;

    @Test
    void reportsTheNamedClusterOnlyAndReturnsItsCountsAndKey() throws Exception {
        fleet.clusters().values().forEach(c -> c.clearRequests());

        var response = invokeOk(FleetSampleEvents.direct("fleet-report").toString()).extract();

        assertThat(response.<String>path("cluster")).isEqualTo("c01");
        assertThat(response.<String>path("status")).isEqualTo("reported");
        String key = response.path("reportKey");
        assertThat(key).isEqualTo("reports/2026-11-30T030000Z/c01.json");
        assertThat(response.<Integer>path("stale")).isEqualTo(response.<Integer>path("counts.dormant")
                + response.<Integer>path("counts.noRecordedUse"));
        assertThat(response.body().asString()).as("counts and a key, not the report").hasSizeLessThan(1024);
        JsonNode report = FleetSampleEvents.JSON.readTree(Files.readString(fleet.reportFolder().resolve(key)));
        assertThat(report.path("cluster").asText()).isEqualTo("c01");
        assertThat(report.path("counts").path("total").asInt()).isEqualTo(response.<Integer>path("counts.total"));
        assertThat(fleet.clusters().get("c01").requests()).isNotEmpty();
        assertThat(fleet.clusters().get("c02").requests()).isEmpty();
        assertThat(fleet.clusters().get(FleetResource.BROKEN).requests()).isEmpty();
        assertThat(response.body().asString()).as("no remediation ran").doesNotContain("remediation");
    }

    @Test
    void showsTonightsRemediationOnThePageAndReturnsItsCountsForTheSummary() throws Exception {
        JsonNode sample = FleetSampleEvents.JSON.readTree(SampleEvents.read(SampleEvents.DIR.resolve(
                "fleet-report.direct-remediated.json")));

        var response = invokeOk(sample.toString()).extract();

        assertThat(response.<Integer>path("remediation.revoked")).isEqualTo(1);
        assertThat(response.<Integer>path("remediation.unknown")).isEqualTo(1);
        assertThat(response.<java.util.List<String>>path("remediation.problems")).singleElement().asString()
                .startsWith("revoke of 6f1c2b7e-9d4a-4c1e-8b3f-2a5d7e9c0b14 (old-export): unknown");
        assertThat(response.<java.util.List<String>>path("remediation.actions")).as("counts only").isNull();
        String page = Files.readString(fleet.reportFolder().resolve(response.<String>path("pageKey")));
        assertThat(page).contains("Remediation: done tonight", "3b8e5f02-7c61-4d9a-a2e4-91f0c6d8b357",
                "<td>revoke: done</td>", "<td>revoke: unknown</td>", "Needs a look: revoke of "
                        + "6f1c2b7e-9d4a-4c1e-8b3f-2a5d7e9c0b14");
        // The report itself is the stale-tokens report: the remediation field is the step's, not a report input.
        JsonNode report = FleetSampleEvents.JSON.readTree(Files.readString(fleet.reportFolder().resolve(response
                .<String>path("reportKey"))));
        assertThat(report.path("cluster").asText()).isEqualTo("c01");
    }

    @Test
    void refusesARemediationResultOfTheWrongShapeNamingTheField() {
        String error = com.clustertokens.testing.Lambda.invokeFailing("{\"cluster\":\"c01\",\"remediation\":"
                + "{\"outcome\":{\"revoked\":\"many\"}}}");

        assertThat(error).startsWith("InvalidInputException").contains("remediation.outcome.revoked");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "`{\"cluster\":\"c01\",\"scheduledTime\":\"2026-11-30T03:00:00Z\",\"staleAfter\":\"P1D\"}`|staleAfter: "
                    + "unknown field; expected one of cluster, remediation, scheduledTime",
            "`{\"cluster\":\"c01\",\"scheduledTime\":\"2026-11-30T03:00:00Z\",\"exclude\":[\"*\"]}`|exclude: "
                    + "unknown field; expected one of cluster, remediation, scheduledTime",
            "`{\"cluster\":\"c01\"}`|scheduledTime: is required, the run's identity",
            "`{\"cluster\":\"c01\",\"scheduledTime\":\"2026-11-30T03:00:00Z\",\"remediation\":{}}`|"
                    + "remediation.outcome: is required, the remediate step's outcome ({} when it did not run)",
            "`{\"cluster\":\"c01\",\"scheduledTime\":\"2026-11-30T03:00:00Z\",\"remediation\":{\"outcome\":{},"
                    + "\"plan\":{}}}`|remediation.plan: unknown field; expected one of actions, outcome",
            "`{\"cluster\":\"c01\",\"scheduledTime\":\"2026-11-30T03:00:00Z\",\"remediation\":{\"outcome\":{},"
                    + "\"actions\":[null]}}`|remediation.actions[0]: must be an action's outcome, not null",
            "`{\"cluster\":\"c01\",\"scheduledTime\":\"2026-11-30T03:00:00Z\",\"remediation\":{\"outcome\":{},"
                    + "\"actions\":[{\"action\":\"revoke\",\"id\":\"t1\",\"outcome\":\"exploded\"}]}}`|"
                    + "remediation.actions[0].outcome: 'exploded' is not an action's outcome; use one of done, "
                    + "skipped, unknown, failed, notAttempted",
            "`{\"cluster\":\"c01\",\"scheduledTime\":\"2026-11-30T03:00:00Z\",\"remediation\":{\"outcome\":{},"
                    + "\"actions\":[{\"action\":\"REVOKE\",\"id\":\"t1\",\"outcome\":\"done\"}]}}`|"
                    + "remediation.actions[0].action: 'REVOKE' is not an action; use one of revoke, delete, "
                    + "restore, check, rotate",
            "`{\"scheduledTime\":\"2026-11-30T03:00:00Z\"}`|cluster: is required",
            "`{\"cluster\":\"../c01\",\"scheduledTime\":\"2026-11-30T03:00:00Z\"}`|cluster: '../c01' is not a "
                    + "registry entry's name"})
    void acceptsOnlyTheShapeTheStateMachineSendsBeforeCallingAnyCluster(String event, String problem) {
        fleet.clusters().values().forEach(c -> c.clearRequests());

        assertThat(Lambda.invokeFailing(event)).isEqualTo("InvalidInputException: Invalid request: " + problem);
        fleet.clusters().values().forEach(cluster -> assertThat(cluster.requests()).isEmpty());
    }
}
