package com.clustertokens.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.cluster.TokenMetadata;
import com.clustertokens.remediation.Ledger;
import com.clustertokens.remediation.LedgerEntry;
import com.clustertokens.remediation.LedgerTableResource;
import com.clustertokens.simulator.RecordedRequest;
import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.simulator.SimulatedToken;
import com.clustertokens.testing.Exports;
import com.clustertokens.testing.FleetResource;
import com.clustertokens.testing.Functions;
import com.clustertokens.testing.InjectFleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The fleet run in apply mode, in process as the state machine runs it: each cluster's remediation acts, then its
 * report; what was revoked tonight, and a remediation that failed, reach the cluster's page and the fleet summary.
 */
@QuarkusTest
@TestProfile(FleetRemediationTest.Applying.class)
@WithTestResource(value = FleetResource.class, initArgs = @ResourceArg(name = "clusters", value = "2"))
@WithTestResource(LedgerTableResource.class)
class FleetRemediationTest {

    /** Remediation in apply mode over every name (stated on purpose). */
    public static class Applying extends Exports.Export {
        public Applying() {
            super("fleet-report", Map.of("remediation.mode", "apply", "remediation.scope-names", "*"));
        }
    }

    @Inject
    FleetRun run;

    @Inject
    Ledger ledger;

    @InjectFleet
    FleetResource.Fleet fleet;

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, SimulatedToken> staleJobs = new HashMap<>();

    @BeforeEach
    void seed() {
        LedgerTableResource.clear();
        fleet.clusters().forEach((name, cluster) -> {
            cluster.reset();
            cluster.seedSamples(Instant.now());
            staleJobs.put(name, cluster.liveTokensNamed("old-backup-job").get(0));
        });
    }

    @Test
    void tellsTonightsRevokesOnEachClustersPageAndInTheSummaryWithARestoreCommandForAFleet()
            throws Exception {
        FleetSummary summary = run.run(Instant.now().truncatedTo(ChronoUnit.SECONDS));

        for (String name : List.of("c01", "c02")) {
            SimulatedCluster cluster = fleet.clusters().get(name);
            SimulatedToken revoked = staleJobs.get(name);
            assertThat(changes(cluster)).as(name).singleElement().satisfies(request -> {
                assertThat(request.path()).isEqualTo("/api/cluster/v2/tokens/" + revoked.id());
                assertThat(request.body()).isEqualTo("{\"revoked\":true}");
            });
            assertThat(cluster.token(revoked.id()).orElseThrow().revoked()).isTrue();
            FleetSummary.Line line = summary.clusters().stream().filter(l -> l.cluster().equals(name)).findFirst()
                    .orElseThrow();
            assertThat(line.remediation().revoked()).isEqualTo(1);
            assertThat(line.remediation().applied()).isTrue();
            String page = Files.readString(fleet.reportFolder().resolve(line.reportKey().replace(".json", ".html")));
            assertThat(page).contains("Remediation: done tonight", revoked.id(), "<td>revoke: done</td>",
                    "<td>delete (due)</td>");
        }
        assertThat(summary.summary()).contains("• c01: ", "  remediation: 1 revoked\n", "• c02: ",
                "Remediation tonight: 2 revoked; 1 cluster's remediation failed",
                "To restore a token revoked tonight: `restore-token {\"cluster\":\"<cluster>\",\"token\":\"<id>\","
                        + "\"format\":\"text\"}`");
        FleetSummary.Line broken = summary.clusters().stream().filter(l -> l.cluster().equals(FleetResource.BROKEN))
                .findFirst().orElseThrow();
        assertThat(broken.status()).isEqualTo("failed");
        assertThat(broken.remediation().failure().error()).isEqualTo("AuthenticationFailedException");
        assertThat(summary.summary()).contains("• broken: failed, ", "  remediation failed, nothing was done after "
                + "it: AuthenticationFailedException").doesNotContain("RRRRRRRR");
        JsonNode index = json.readTree(Files.readString(fleet.reportFolder().resolve(summary.indexKey())));
        assertThat(index.path("clusters").get(0).path("remediation").path("revoked").asInt()).isEqualTo(1);
    }

    @Test
    void eachClustersRunStartsWithItsRotationFollowUpWhichRevokesADueRotationBeforeRemediationActs()
            throws Exception {
        SimulatedCluster c01 = fleet.clusters().get("c01");
        SimulatedToken rotated = c01.liveTokensNamed("ci-deploy").get(0);
        Instant due = Instant.now().minus(Duration.ofHours(1));
        assertThat(ledger.write(LedgerEntry.superseded("c01", Optional.empty(), new TokenMetadata(rotated.id(),
                rotated.name(), rotated.userId(), false, rotated.created().toEpochMilli(), rotated.expires()
                        .toEpochMilli(), rotated.lastUse().toEpochMilli(), rotated.scopes(), false),
                new LedgerEntry.Rotation("replacement", due.minus(Duration.ofDays(7)), due, "alice",
                        "rotation-replacement")))).isTrue();

        run.run(Instant.now().truncatedTo(ChronoUnit.SECONDS));

        assertThat(changes(c01)).extracting(RecordedRequest::path).containsExactly("/api/cluster/v2/tokens/"
                + rotated.id(), "/api/cluster/v2/tokens/" + staleJobs.get("c01").id());
        assertThat(c01.token(rotated.id()).orElseThrow().revoked()).isTrue();
        assertThat(ledger.entry("c01", rotated.id()).orElseThrow().status()).isEqualTo(LedgerEntry.Status.REVOKED);
        assertThat(changes(fleet.clusters().get("c02"))).extracting(RecordedRequest::path).containsExactly(
                "/api/cluster/v2/tokens/" + staleJobs.get("c02").id());
    }

    @Test
    void givesTheRestoreCommandOfAFleetsRemediationTheClustersName() throws Exception {
        run.run(Instant.now().truncatedTo(ChronoUnit.SECONDS));

        Functions.Result plan = Functions.invoke("remediate-tokens", "{\"cluster\":\"c02\"}");

        assertThat(plan.succeeded()).as(plan.toString()).isTrue();
        assertThat(json.readTree(plan.json()).path("summary").asText()).contains("*Will be deleted* (1)",
                "To restore a revoked token: `restore-token {\"cluster\":\"c02\",\"token\":\"<id>\","
                        + "\"format\":\"text\"}`");
    }

    private static List<RecordedRequest> changes(SimulatedCluster cluster) {
        return cluster.requests().stream().filter(r -> r.method().equals("PUT") || r.method().equals("DELETE"))
                .toList();
    }
}
