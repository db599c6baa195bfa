package com.clustertokens.token;

import static com.clustertokens.testing.Lambda.invokeFailing;
import static com.clustertokens.testing.Lambda.invokeOk;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.clustertokens.simulator.RecordedRequest;
import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.testing.Exports;
import com.clustertokens.testing.InjectSimulatedCluster;
import com.clustertokens.testing.SimulatedClusterResource;
import com.clustertokens.testing.TestTokens;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(Exports.ListTokens.class)
@WithTestResource(SimulatedClusterResource.class)
class ListTokensFunctionTest {

    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

    @InjectSimulatedCluster
    SimulatedCluster cluster;

    @BeforeEach
    void seedCluster() {
        cluster.reset();
        cluster.addToken("pete-admin", "Pete", List.of("ClusterTokenManagement"), NOW.minus(1, ChronoUnit.DAYS));
        cluster.addToken("pete-export", "Pete", List.of("DiagnosticExport"), null);
        cluster.addToken("alice-both", "alice", List.of("ClusterTokenManagement", "DiagnosticExport"),
                NOW.minus(30, ChronoUnit.DAYS));
        cluster.addToken("alice-old", "alice", List.of("settings.read"), NOW.minus(200, ChronoUnit.DAYS));
        cluster.clearRequests();
    }

    @Test
    void runsTheSourcePageExampleAndSendsItsQueryAsWritten() {
        var response = invokeOk(Map.of("limit", 1000, "user", "Pete", "permissions", List.of("ClusterTokenManagement")))
                .extract();

        assertThat(response.<List<String>>path("values.name")).containsExactly("pete-admin");
        assertThat(response.<Integer>path("totalCount")).isEqualTo(1);
        assertThat(response.<Boolean>path("truncated")).isFalse();
        assertThat(response.<Boolean>path("mayBeIncomplete")).isFalse();
        RecordedRequest request = single();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/api/cluster/v2/tokens");
        assertThat(request.rawQuery()).isEqualTo("limit=1000&user=Pete&permissions=ClusterTokenManagement");
        assertThat(TestTokens.isApiTokenHeader(request.headers().get("authorization").get(0))).isTrue();
        assertThat(request.body()).isEmpty();
    }

    @Test
    void addsAChatSummaryForTheTextFormatAndSendsNoFormatToTheCluster() {
        var response = invokeOk(Map.of("user", "alice", "format", "text")).extract();

        assertThat(response.<String>path("summary")).isEqualTo("2 tokens:\n• alice-both ("
                + response.<String>path("values[0].id") + ")\n• alice-old (" + response.<String>path("values[1].id")
                + ")");
        assertThat(single().rawQuery()).isEqualTo("user=alice");
    }

    @Test
    void leavesTheSummaryOutForTheJsonFormatAndRejectsAnUnknownFormat() {
        assertThat(invokeOk(Map.of("format", "json")).extract().<String>path("summary")).isNull();

        String message = invokeFailing(Map.of("format", "markdown"));

        assertThat(message).contains("format: 'markdown' is not a format; use json or text");
    }

    @Test
    void sendsEveryPermissionAsARepeatedQueryParameter() {
        var response = invokeOk(Map.of("permissions", List.of("ClusterTokenManagement", "DiagnosticExport")))
                .extract();

        assertThat(response.<List<String>>path("values.name")).containsExactly("alice-both");
        assertThat(single().query().get("permissions")).containsExactly("ClusterTokenManagement", "DiagnosticExport");
    }

    @Test
    void returnsTheApiListShapeWithIdNameAndDescription() {
        var response = invokeOk("{}").extract();

        assertThat(response.<List<String>>path("values.name"))
                .contains("pete-admin", "pete-export", "alice-both", "alice-old");
        assertThat(response.<List<String>>path("values.id")).doesNotContainNull();
        assertThat(single().rawQuery()).as("nothing is sent that the caller did not ask for").isNull();
    }

    @Test
    void saysTheListMayBeCutWhenTheClustersDefaultLimitIsReached() {
        cluster.addGenerated(1000, NOW, 7); // 1005 tokens in all, with the API token

        var withoutLimit = invokeOk(Map.of("format", "text")).extract();
        var complete = invokeOk(Map.of("limit", 2000)).extract();

        assertThat(withoutLimit.<Integer>path("totalCount")).isEqualTo(1000);
        assertThat(withoutLimit.<Boolean>path("truncated")).isFalse();
        assertThat(withoutLimit.<Boolean>path("mayBeIncomplete")).isTrue();
        assertThat(withoutLimit.<String>path("summary")).startsWith("1000 tokens (the cluster's limit of 1000 was "
                + "reached: there may be more; ask with a higher limit):");
        assertThat(complete.<Integer>path("totalCount")).isEqualTo(1005);
        assertThat(complete.<Boolean>path("mayBeIncomplete")).isFalse();
        assertThat(cluster.requests()).extracting(RecordedRequest::rawQuery).containsExactly(null, "limit=2000");
    }

    @Test
    void saysTheListMayBeCutWhenItHoldsExactlyTheGivenLimit() {
        // 5 tokens: the 4 seeded ones and the API token
        var atLimit = invokeOk(Map.of("limit", 5)).extract();
        var belowLimit = invokeOk(Map.of("limit", 6)).extract();

        assertThat(atLimit.<Integer>path("totalCount")).isEqualTo(5);
        assertThat(atLimit.<Boolean>path("mayBeIncomplete")).isTrue();
        assertThat(belowLimit.<Boolean>path("mayBeIncomplete")).isFalse();
        assertThat(invokeOk("{}").extract().<Boolean>path("mayBeIncomplete")).isFalse();
    }

    @Test
    void acceptsIsoInstantsAndSendsEpochMilliseconds() {
        var response = invokeOk(Map.of("from", "2026-09-01T00:00:00Z", "to", "2026-10-31T00:00:00Z")).extract();

        assertThat(response.<List<String>>path("values.name")).containsExactly("alice-both");
        Map<String, List<String>> query = single().query();
        assertThat(query.get("from")).containsExactly(String.valueOf(Instant.parse("2026-09-01T00:00:00Z")
                .toEpochMilli()));
        assertThat(query.get("to")).containsExactly(String.valueOf(Instant.parse("2026-10-31T00:00:00Z")
                .toEpochMilli()));
    }

    @Test
    void acceptsEpochMillisecondsAsTheApiDoes() {
        long to = NOW.minus(100, ChronoUnit.DAYS).toEpochMilli();

        var response = invokeOk(Map.of("to", to)).extract();

        assertThat(response.<List<String>>path("values.name")).containsExactly("alice-old");
        assertThat(single().query().get("to")).containsExactly(String.valueOf(to));
    }

    static List<Arguments> invalidRequests() {
        return List.of(
                Arguments.of("{\"limit\":0}", "limit: must be between 1 and 1000000, got 0"),
                Arguments.of("{\"limit\":1000001}", "limit: must be between 1 and 1000000, got 1000001"),
                Arguments.of("{\"limit\":\"ten\"}", "limit: expected an integer"),
                Arguments.of("{\"limit\":99999999999}", "limit: number out of range"),
                Arguments.of("{\"permissions\":[\"ClusterTokenManagement\",\"Bar\"]}",
                        "permissions[1]: 'Bar' is not a cluster token scope"),
                Arguments.of("{\"permissions\":\"ClusterTokenManagement\"}", "permissions: expected a list"),
                Arguments.of("{\"from\":\"2026-10-02T00:00:00Z\",\"to\":\"2026-10-01T00:00:00Z\"}",
                        "from: must not be after to"),
                Arguments.of("{\"from\":\"yesterday\"}",
                        "from: 'yesterday' is neither epoch milliseconds nor an ISO-8601 instant"),
                Arguments.of("{\"to\":-1}", "to: must not be before 1970-01-01T00:00:00Z"),
                Arguments.of("{\"user\":\"\"}", "user: must not be blank"),
                Arguments.of("{\"users\":\"Pete\"}", "users: unknown field"));
    }

    @ParameterizedTest
    @MethodSource("invalidRequests")
    void rejectsInvalidRequestBeforeCallingCluster(String payload, String expectedMessage) {
        assertThat(invokeFailing(payload)).contains(expectedMessage);
        assertThat(cluster.requests()).as("the cluster received nothing").isEmpty();
    }

    private RecordedRequest single() {
        List<RecordedRequest> requests = cluster.requests();
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }
}
