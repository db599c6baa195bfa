package com.clustertokens.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.testing.Exports;
import com.clustertokens.testing.FleetResource;
import com.clustertokens.testing.InjectFleet;
import com.clustertokens.testing.Lambda;
import com.clustertokens.testing.LeakedSecrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.json.runtime.JsonFormatter;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The JSON lines Lambda writes during a scheduled stale-tokens run in a fleet, formatted by the console's own JSON
 * formatter as the prod profile configures it: each line of the run names the function, the selected cluster and
 * the run's id; the fields end with the run.
 */
@QuarkusTest
@TestProfile(Exports.StaleTokens.class)
@WithTestResource(value = FleetResource.class, initArgs = {@ResourceArg(name = "clusters", value = "2"),
        @ResourceArg(name = "broken", value = "false")})
class FleetLogFieldsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectFleet
    FleetResource.Fleet fleet;

    private JsonLines lines;

    @BeforeEach
    void capture() throws IOException {
        fleet.clusters().values().forEach(SimulatedCluster::clearRequests);
        lines = JsonLines.start();
    }

    @AfterEach
    void stop() {
        lines.close();
    }

    @Test
    void everyLineOfAScheduledRunNamesTheFunctionTheClusterAndTheRunId() throws Exception {
        Instant scheduled = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        JsonNode report = JSON.readTree(Lambda.invokeOk("{\"cluster\":\"c02\",\"scheduledTime\":\"" + scheduled + "\"}")
                .extract().asString());

        assertThat(report.path("cluster").asText()).isEqualTo("c02");
        assertRunLines("schedule at " + scheduled);
    }

    @Test
    void aScheduledEventsRunIsNamedByTheEventsIdInEveryLine() throws Exception {
        String id = UUID.randomUUID().toString();
        Instant time = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String event = "{\"version\":\"0\",\"id\":\"" + id + "\",\"detail-type\":\"Scheduled Event\",\"source\":"
                + "\"aws.events\",\"account\":\"123456789012\",\"time\":\"" + time + "\",\"region\":\"eu-west-1\","
                + "\"resources\":[],\"detail\":{\"cluster\":\"c02\"}}";

        JsonNode report = JSON.readTree(Lambda.invokeOk(event).extract().asString());

        assertThat(report.path("cluster").asText()).isEqualTo("c02");
        assertRunLines("event " + id + " at " + time);
    }

    @Test
    void aScheduledEventWhoseIdIsAPastedSecretIsNamedInEveryLineAsThePageWouldShowIt() throws Exception {
        Instant time = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String event = "{\"version\":\"0\",\"id\":\"" + LeakedSecrets.NEW_FORMAT + "\",\"detail-type\":"
                + "\"Scheduled Event\",\"source\":\"aws.events\",\"account\":\"123456789012\",\"time\":\"" + time
                + "\",\"region\":\"eu-west-1\",\"resources\":[],\"detail\":{\"cluster\":\"c02\"}}";

        Lambda.invokeOk(event);

        List<String> written = lines.written();
        // Where the secret showed, never the line itself: a failure must not print what it found.
        assertThat(written).isNotEmpty();
        assertThat(written.stream().map(LeakedSecrets::leakIn).filter(Objects::nonNull)).as("secrets in the lines")
                .isEmpty();
        assertRunLines("event " + LeakedSecrets.IDENTIFIER + ".<redacted> at " + time);
    }

    /**
     * The run's lines carry its fields, and c02 alone was read; then a direct run of c01 on the same Lambda thread
     * carries c01 and no run id: nothing is left behind from one invocation to the next.
     */
    private void assertRunLines(String runId) throws Exception {
        List<JsonNode> written = lines.parsed();

        JsonNode report = reportLine(written);
        assertThat(report.path("level").asText()).isEqualTo("INFO");
        assertThat(report.path("mdc").path("function").asText()).isEqualTo("stale-tokens");
        assertThat(report.path("mdc").path("cluster").asText()).isEqualTo("c02");
        assertThat(report.path("mdc").path("runId").asText()).isEqualTo(runId);
        assertThat(report.has("hostName")).as("the prod profile's excluded keys stay out").isFalse();
        List<JsonNode> ofTheRun = written.stream().filter(l -> l.path("mdc").has("cluster")).toList();
        assertThat(ofTheRun).as("lines naming a cluster").isNotEmpty().allSatisfy(line -> {
            assertThat(line.path("mdc").path("cluster").asText()).isEqualTo("c02");
            assertThat(line.path("mdc").path("runId").asText()).as(line.toString()).isEqualTo(runId);
            assertThat(line.path("mdc").path("function").asText()).as(line.toString()).isEqualTo("stale-tokens");
        });
        assertThat(fleet.clusters().get("c01").requests()).as("requests to c01").isEmpty();
        SimulatedCluster c02 = fleet.clusters().get("c02");
        assertThat(c02.requests()).isNotEmpty().allSatisfy(r -> assertThat(r.path()).startsWith(
                "/api/cluster/v2/tokens"));
        assertThat(c02.requests().stream().allMatch(r -> ("Api-Token " + c02.apiToken()).equals(r.header(
                "Authorization").orElse("")))).as("c02 read with its own token").isTrue();

        lines.clear();
        Lambda.invokeOk("{\"cluster\":\"c01\"}");

        JsonNode direct = reportLine(lines.parsed());
        assertThat(direct.path("mdc").path("cluster").asText()).isEqualTo("c01");
        assertThat(direct.path("mdc").path("function").asText()).isEqualTo("stale-tokens");
        assertThat(direct.path("mdc").has("runId")).as("a direct run has no run id: " + direct.path("mdc"))
                .isFalse();
    }

    private static JsonNode reportLine(List<JsonNode> written) {
        return written.stream().filter(l -> l.path("message").asText().startsWith("Token hygiene report"))
                .findFirst().orElseThrow(() -> new AssertionError("no report line among " + written.size()));
    }

    /** Every application log record, as the console writes it on Lambda: filtered, then formatted as JSON. */
    private static final class JsonLines extends Handler {

        private final JsonFormatter formatter = new JsonFormatter();
        private final List<String> written = new ArrayList<>();

        static JsonLines start() throws IOException {
            JsonLines lines = new JsonLines();
            String excluded = new SmallRyeConfigBuilder().withProfile("prod").withSources(new PropertiesConfigSource(
                    FleetLogFieldsTest.class.getResource("/application.properties"))).build()
                    .getValue("quarkus.log.console.json.excluded-keys", String.class);
            lines.formatter.setExcludedKeys(Set.of(excluded.split(",")));
            lines.formatter.setPrintDetails(false);
            lines.setFilter(new SecretRedactingLogFilter());
            LogContext.getLogContext().getLogger("").addHandler(lines);
            return lines;
        }

        // Formatted on the writing thread, as it is written: the MDC is that thread's at that moment.
        @Override
        public void publish(LogRecord record) {
            if (record instanceof ExtLogRecord ext && isLoggable(record)
                    && ext.getLoggerName().startsWith("com.clustertokens")) {
                String line = formatter.format(ext);
                synchronized (written) {
                    written.add(line);
                }
            }
        }

        void clear() {
            synchronized (written) {
                written.clear();
            }
        }

        /** The lines as written. */
        List<String> written() {
            synchronized (written) {
                return List.copyOf(written);
            }
        }

        List<JsonNode> parsed() throws IOException {
            List<JsonNode> nodes = new ArrayList<>();
            synchronized (written) {
                for (String line : written) {
                    nodes.add(JSON.readTree(line));
                }
            }
            return nodes;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            LogContext.getLogContext().getLogger("").removeHandler(this);
        }
    }
}
