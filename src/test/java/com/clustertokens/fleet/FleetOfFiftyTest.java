package com.clustertokens.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.Logger;
import org.junit.jupiter.api.Test;

import com.clustertokens.hygiene.report.HygieneReport;
import com.clustertokens.simulator.RecordedRequest;
import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.testing.Exports;
import com.clustertokens.testing.FleetResource;
import com.clustertokens.testing.InjectFleet;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A fleet of 50 simulated clusters runs locally, 8 at once, into one summary with a line for each. */
@QuarkusTest
@TestProfile(FleetOfFiftyTest.EightAtOnce.class)
@WithTestResource(value = FleetResource.class, initArgs = {@ResourceArg(name = "clusters", value = "50"),
        @ResourceArg(name = "broken", value = "false")})
class FleetOfFiftyTest {

    /** fleet-report exported, FLEET_CONCURRENCY 8. */
    public static class EightAtOnce extends Exports.Export {
        public EightAtOnce() {
            super("fleet-report", Map.of("fleet.concurrency", "8"));
        }
    }

    @Inject
    FleetRun run;

    @InjectFleet
    FleetResource.Fleet fleet;

    @Test
    void aFleetOfFiftyClustersCompletesWithALinePerClusterAndOneSummary() throws Exception {
        Instant scheduled = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<String> names = IntStream.rangeClosed(1, 50).mapToObj(i -> String.format("c%02d", i)).toList();

        Set<String> stepThreads = ConcurrentHashMap.newKeySet();
        Handler steps = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record instanceof ExtLogRecord ext && ext.getMessage().startsWith("Report of cluster")) {
                    stepThreads.add(ext.getThreadName());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = LogContext.getLogContext().getLogger(FleetService.class.getName());
        logger.addHandler(steps);
        FleetSummary summary;
        try {
            summary = run.run(scheduled);
        } finally {
            logger.removeHandler(steps);
        }

        assertThat(stepThreads).as("threads the clusters' steps ran on: FLEET_CONCURRENCY at most").hasSizeBetween(2,
                8);

        assertThat(summary.runId()).isEqualTo(FleetService.runId(scheduled));
        assertThat(summary.reported()).isEqualTo(50);
        assertThat(summary.failed()).isZero();
        assertThat(summary.clusters()).extracting(FleetSummary.Line::cluster).containsExactlyElementsOf(names);
        assertThat(summary.clusters()).allSatisfy(line -> {
            assertThat(line.status()).isEqualTo("reported");
            assertThat(line.error()).isNull();
            assertThat(line.total()).isPositive();
            assertThat(line.stale()).isPositive();
            assertThat(line.reportKey()).isEqualTo("reports/" + summary.runId() + "/" + line.cluster() + ".json");
            assertThat(fleet.reportFolder().resolve(line.reportKey())).exists();
        });
        assertThat(summary.totals().total()).isEqualTo(summary.clusters().stream().mapToLong(FleetSummary.Line::total)
                .sum());
        assertThat(summary.stale()).isEqualTo(summary.clusters().stream().mapToLong(FleetSummary.Line::stale).sum());

        List<String> text = summary.summary().lines().toList();
        assertThat(text.get(0)).isEqualTo("*Cluster token hygiene*, fleet run " + summary.runId() + ": 50 clusters");
        assertThat(text).filteredOn(l -> l.startsWith("• ")).hasSize(50);
        for (FleetSummary.Line line : summary.clusters()) {
            String expiry = line.expiry().describe().isEmpty() ? "" : "; " + line.expiry().describe();
            assertThat(text).contains("• " + line.cluster() + ": " + line.stale() + " stale of " + line.total()
                    + " tokens" + expiry + " (report: " + line.link() + ")");
        }
        assertThat(summary.expiry()).as("the clusters' expiry scans summed").isEqualTo(summary.clusters().stream()
                .map(FleetSummary.Line::expiry).reduce(HygieneReport.ExpiryCounts::plus).orElseThrow());
        assertThat(summary.expiry().neverExpires() + summary.expiry().expired() + summary.expiry().notRead())
                .as("every listed token's expiry read or counted").isPositive();
        assertThat(text).contains("Expiry over the fleet: " + summary.expiry().describe());
        assertThat(text).contains("Total: " + summary.stale() + " stale of " + summary.totals().total()
                + " tokens in 50 reported clusters");
        String index = Files.readString(fleet.reportFolder().resolve(summary.indexKey().replace(".json", ".html")));
        for (String name : names) {
            assertThat(index).contains("href=\"" + name + ".html\"");
        }

        for (String name : names) {
            SimulatedCluster cluster = fleet.clusters().get(name);
            List<RecordedRequest> requests = cluster.requests();
            assertThat(requests).as("requests to %s", name).isNotEmpty().allSatisfy(r -> {
                assertThat(r.method()).isEqualTo("GET");
                assertThat(r.path()).startsWith("/api/cluster/v2/tokens");
            });
            assertThat(requests.stream().allMatch(r -> ("Api-Token " + cluster.apiToken()).equals(r.header(
                    "Authorization").orElse("")))).as("%s called with its own API token only", name).isTrue();
        }
    }
}
