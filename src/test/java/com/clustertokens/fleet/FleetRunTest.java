package com.clustertokens.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.simulator.RecordedRequest;
import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.testing.EmfLines;
import com.clustertokens.testing.Exports;
import com.clustertokens.testing.FleetResource;
import com.clustertokens.testing.InjectFleet;
import com.clustertokens.testing.TestTokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The whole fleet run in process: every cluster's step, a failing one caught, then one summary; a registry entry the
 * registry refuses is a failed line too, and stops no other cluster.
 */
@QuarkusTest
@TestProfile(Exports.FleetReport.class)
@WithTestResource(value = FleetResource.class, initArgs = {@ResourceArg(name = "clusters", value = "3"),
        @ResourceArg(name = "misspelt", value = "true")})
class FleetRunTest {

    @Inject
    FleetRun run;

    @InjectFleet
    FleetResource.Fleet fleet;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void forgetRequests() {
        fleet.clusters().values().forEach(SimulatedCluster::clearRequests);
    }

    @Test
    void printsTheRunsReportedAndFailedClustersAsOneMetricsLineAndEachReportedClustersCounts() throws Exception {
        List<JsonNode> lines = EmfLines.during(() -> run.run(Instant.now().truncatedTo(ChronoUnit.SECONDS)));

        assertThat(EmfLines.in("ClusterTokenFleet", lines)).singleElement().satisfies(line -> {
            assertThat(line.at("/_aws/CloudWatchMetrics/0/Dimensions").toString()).isEqualTo("[[]]");
            assertThat(EmfLines.names(line)).containsExactly("ReportedClusters", "FailedClusters");
            assertThat(line.get("ReportedClusters").asLong()).isEqualTo(3);
            assertThat(line.get("FailedClusters").asLong()).isEqualTo(2);
        });
        assertThat(EmfLines.in("ClusterTokenHygiene", lines)).extracting(line -> line.get("Cluster").asText())
                .containsExactlyInAnyOrderElementsOf(fleet.clusters().entrySet().stream()
                        .filter(c -> !c.getKey().equals("broken")).map(c -> c.getValue().url()).toList());
    }

    @Test
    void reportsEveryClusterWithItsOwnTokenAndNamesTheFailedOneInTheSummary() throws Exception {
        Instant scheduled = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        FleetSummary summary = run.run(scheduled);

        assertThat(summary.reported()).isEqualTo(3);
        assertThat(summary.failed()).isEqualTo(2);
        assertThat(summary.clusters()).extracting(FleetSummary.Line::cluster)
                .containsExactly("c01", "c02", "c03", FleetResource.BROKEN, FleetResource.MISSPELT);
        FleetSummary.Line broken = summary.clusters().get(3);
        assertThat(broken.status()).isEqualTo("failed");
        assertThat(broken.error()).contains("AuthenticationFailedException", "401");
        FleetSummary.Line misspelt = summary.clusters().get(4);
        assertThat(misspelt.status()).isEqualTo("failed");
        assertThat(misspelt.error()).startsWith("ConfigurationException: cluster 'misspelt' is refused: "
                + "DT_CLUSTERS[4].staleAftr: unknown field; a cluster has only {").endsWith("…").hasSize(121);
        assertThat(summary.summary()).contains("• broken: failed, AuthenticationFailedException")
                .contains("• misspelt: failed, ConfigurationException: cluster 'misspelt' is refused")
                .contains("• c01: ").contains("2 clusters failed").doesNotContain("RRRRRRRR").doesNotContain(
                        "MMMMMMMM");
        long stale = 0;
        for (FleetSummary.Line line : summary.clusters().subList(0, 3)) {
            Path report = fleet.reportFolder().resolve(line.reportKey());
            assertThat(report).exists();
            Path page = fleet.reportFolder().resolve(line.reportKey().replace(".json", ".html"));
            assertThat(line.link()).isEqualTo(page.toString());
            assertThat(Files.readString(page)).startsWith("<!DOCTYPE html>").contains(line.cluster());
            assertThat(report.resolveSibling(line.cluster() + ".stale.csv")).exists();
            JsonNode written = json.readTree(Files.readString(report));
            assertThat(written.path("cluster").asText()).isEqualTo(line.cluster());
            assertThat(written.path("now").asText()).isEqualTo(scheduled.toString());
            // ci-deploy (seeded: in use, created 120 days ago) is due: its command names the cluster first.
            JsonNode due = written.at("/expiry/rotationDue/0");
            assertThat(due.path("name").asText()).isEqualTo("ci-deploy");
            assertThat(due.path("rotate").asText()).isEqualTo("rotate-token {\"cluster\":\"" + line.cluster()
                    + "\",\"token\":\"" + due.path("id").asText() + "\",\"format\":\"text\"}");
            assertThat(Files.readString(page)).contains("<code>rotate-token {&quot;cluster&quot;:&quot;"
                    + line.cluster() + "&quot;,&quot;token&quot;:&quot;" + due.path("id").asText() + "&quot;");
            assertThat(Files.readString(report.resolveSibling(line.cluster() + ".stale.csv")))
                    .contains(",rotationDue,\"rotate-token {\"\"cluster\"\":\"\"" + line.cluster()
                            + "\"\",\"\"token\"\":\"\""
                            + due.path("id").asText() + "\"\",");
            assertThat(line.stale()).isPositive();
            stale += line.stale();
        }
        assertThat(summary.stale()).isEqualTo(stale);
        assertThat(summary.totals().total()).isEqualTo(summary.clusters().subList(0, 3).stream()
                .mapToLong(FleetSummary.Line::total).sum());
        assertThat(fleet.reportFolder().resolve(summary.indexKey())).exists();
        assertThat(Files.readString(fleet.reportFolder().resolve(summary.indexKey().replace(".json", ".html"))))
                .contains("href=\"c01.html\"").contains("broken");
        assertThat(summary.indexKey()).isEqualTo("reports/" + FleetService.runId(scheduled) + "/index.json");

        assertThat(fleet.clusters()).doesNotContainKey(FleetResource.MISSPELT);
        for (Map.Entry<String, SimulatedCluster> each : fleet.clusters().entrySet()) {
            SimulatedCluster cluster = each.getValue();
            assertThat(cluster.requests()).as(each.getKey()).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.path()).startsWith("/api/cluster/v2/tokens"));
            boolean ownToken = cluster.requests().stream().map(r -> r.header("Authorization").orElse(""))
                    .allMatch(h -> h.equals("Api-Token " + cluster.apiToken()));
            assertThat(ownToken).as(each.getKey() + " called with its own token only").isEqualTo(!each.getKey()
                    .equals(FleetResource.BROKEN));
        }
        RecordedRequest refused = fleet.clusters().get(FleetResource.BROKEN).requests().get(0);
        assertThat(TestTokens.isApiTokenHeader(refused.header("Authorization").orElse(""))).isFalse();
    }
}
