package com.clustertokens.infra;

import static com.clustertokens.testing.Lambda.invokeOk;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
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

/** The list-tokens samples in infra/events run as Lambda would deliver them, against the simulated cluster. */
@QuarkusTest
@TestProfile(Exports.ListTokens.class)
@WithTestResource(SimulatedClusterResource.class)
class ListTokensSampleEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectSimulatedCluster
    SimulatedCluster cluster;

    static Stream<Path> directSamples() {
        return SampleEvents.runnable("list-tokens", "direct");
    }

    @BeforeEach
    void seedCluster() {
        cluster.reset();
        Instant now = Instant.parse("2026-11-01T00:00:00Z");
        cluster.seedSamples(now);
        // Matches the source page example the sample reproduces (user Pete, ClusterTokenManagement).
        cluster.addToken("pete-admin", "Pete", List.of("ClusterTokenManagement"), now.minusSeconds(3600));
        cluster.clearRequests();
    }

    @ParameterizedTest
    @MethodSource("directSamples")
    void sendsTheDirectSamplesFiltersToTheCluster(Path sample) throws Exception {
        JsonNode event = JSON.readTree(SampleEvents.read(sample));

        var response = invokeOk(event.toString()).extract();

        List<RecordedRequest> requests = cluster.requests();
        assertThat(requests).hasSize(1);
        RecordedRequest request = requests.get(0);
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/api/cluster/v2/tokens");
        assertThat(TestTokens.isApiTokenHeader(request.header("authorization").orElse(null))).isTrue();
        event.fields().forEachRemaining(field -> {
            List<String> expected = new ArrayList<>();
            if (field.getValue().isArray()) {
                field.getValue().forEach(value -> expected.add(value.asText()));
            } else {
                expected.add(field.getValue().asText());
            }
            assertThat(request.query().get(field.getKey())).as("query " + field.getKey()).isEqualTo(expected);
        });
        assertThat(response.<List<Object>>path("values")).isNotEmpty();
        assertThat(response.<Integer>path("totalCount")).isEqualTo(response.<List<Object>>path("values").size());
    }
}
