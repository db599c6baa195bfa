package com.clustertokens.infra;

import static com.clustertokens.testing.Lambda.invokeOk;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.clustertokens.simulator.RecordedRequest;
import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.testing.Exports;
import com.clustertokens.testing.InjectSimulatedCluster;
import com.clustertokens.testing.SimulatedClusterResource;
import com.clustertokens.testing.TestTokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The stale-tokens samples in infra/events (direct, ScheduleV2 input, Scheduled Event) run against the simulated cluster. */
@QuarkusTest
@TestProfile(Exports.StaleTokens.class)
@WithTestResource(SimulatedClusterResource.class)
class StaleTokensSampleEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectSimulatedCluster
    SimulatedCluster cluster;

    static Stream<Path> samples() {
        return Stream.of("direct", "schedule-v2", "scheduled-event")
                .flatMap(trigger -> SampleEvents.runnable("stale-tokens", trigger));
    }

    @BeforeEach
    void seedCluster() {
        cluster.reset();
        cluster.seedSamples(Instant.parse("2026-11-01T00:00:00Z"));
        cluster.clearRequests();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void classifiesEveryTokenOfTheClusterForEachSample(Path sample) throws Exception {
        JsonNode event = JSON.readTree(SampleEvents.read(sample));

        var response = invokeOk(event.toString()).extract();

        List<RecordedRequest> requests = cluster.requests();
        assertThat(requests).isNotEmpty().allSatisfy(request -> {
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.path()).startsWith("/api/cluster/v2/tokens");
            assertThat(TestTokens.isApiTokenHeader(request.header("authorization").orElse(null))).isTrue();
        });
        assertThat(response.<Integer>path("counts.total")).isEqualTo(cluster.size());
        String staleAfter = event.has("staleAfter") ? event.get("staleAfter").asText() : "P90D";
        assertThat(response.<String>path("staleAfter")).isEqualTo(staleAfter);
        if (event.has("time")) {
            // A Scheduled Event's time is the report's "now", so a redelivery yields the same report.
            assertThat(Instant.parse(response.path("now"))).isEqualTo(Instant.parse(event.get("time").asText()));
        }
    }
}
