package com.clustertokens.token;

import static com.clustertokens.testing.Lambda.invokeFailing;
import static com.clustertokens.testing.Lambda.invokeOk;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.clustertokens.simulator.RecordedRequest;
import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.simulator.SimulatedToken;
import com.clustertokens.testing.Exports;
import com.clustertokens.testing.InjectSimulatedCluster;
import com.clustertokens.testing.SimulatedClusterResource;
import com.clustertokens.testing.TestTokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(Exports.CreateToken.class)
@WithTestResource(SimulatedClusterResource.class)
class CreateTokenFunctionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectSimulatedCluster
    SimulatedCluster cluster;

    @BeforeEach
    void clearRecordedRequests() {
        cluster.clearRequests();
    }

    @Test
    void createsTheSourcePageExampleTokenAndSendsExactlyItsBody() throws Exception {
        String example = """
                {"name": "MyToken", "scopes": ["DiagnosticExport", "UnattendedInstall"],
                 "expiresIn": {"value": 24, "unit": "HOURS"}}""";

        var response = invokeOk(example).extract();
        String secret = response.path("token");
        String identifier = response.path("identifier");

        assertThat(secret.matches("dt0c01\\.[A-Z0-9]{24}\\.[A-Z0-9]{64}")).as("token has the new format").isTrue();
        assertThat(identifier).isEqualTo(secret.substring(0, 31));
        assertThat(response.<String>path("name")).isEqualTo("MyToken");

        List<RecordedRequest> requests = cluster.requests();
        assertThat(requests).hasSize(1);
        RecordedRequest request = requests.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/cluster/v2/tokens");
        assertThat(request.rawQuery()).isNull();
        assertThat(TestTokens.isApiTokenHeader(request.headers().get("authorization").get(0)))
                .as("Authorization header carries 'Api-Token <the configured token>'").isTrue();
        assertThat(request.headers().get("content-type").get(0)).startsWith("application/json");
        assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree(example));

        SimulatedToken created = cluster.tokenBySecret(secret).orElseThrow();
        assertThat(created.name()).isEqualTo("MyToken");
        assertThat(created.scopes()).containsExactly("DiagnosticExport", "UnattendedInstall");
        assertThat(Duration.between(created.created(), created.expires())).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void answersWhenTheTokenExpiresWithoutReadingItBackAndNothingWhenItNeverExpires() throws Exception {
        Instant before = Instant.now();
        var response = invokeOk("{\"name\":\"nightly\",\"scopes\":[\"DiagnosticExport\"],"
                + "\"expiresIn\":{\"value\":7,\"unit\":\"DAYS\"}}").extract();
        Instant after = Instant.now();

        Instant expires = Instant.parse(response.path("expires"));
        SimulatedToken created = cluster.tokenBySecret(response.path("token")).orElseThrow();
        assertThat(expires).as("the create's time plus 7 days").isBetween(before.plus(Duration.ofDays(7)),
                after.plus(Duration.ofDays(7)));
        assertThat(Duration.between(expires, created.expires())).as("never later than the cluster's own expiry")
                .isBetween(Duration.ZERO, Duration.between(before, after));
        assertThat(cluster.requests()).as("the create only: no metadata read").extracting(RecordedRequest::method)
                .containsExactly("POST");

        cluster.clearRequests();
        var never = invokeOk(Map.of("name", "forever", "scopes", List.of("DiagnosticExport"))).extract();
        assertThat(never.<String>path("expires")).isNull();
    }

    @Test
    void sendsNoExpiryWhenNoneIsGiven() throws Exception {
        invokeOk(Map.of("name", "ci-deploy", "scopes", List.of("ClusterTokenManagement")));

        JsonNode body = JSON.readTree(cluster.requests().get(0).body());
        assertThat(body.has("expiresIn")).isFalse();
        assertThat(body.get("scopes")).hasSize(1);
    }

    @Test
    void sendsTheValueAloneWhenTheUnitIsAbsentSoTheClusterReadsMilliseconds() throws Exception {
        invokeOk("{\"name\":\"short\",\"scopes\":[\"settings.read\"],\"expiresIn\":{\"value\":60000}}");

        JsonNode body = JSON.readTree(cluster.requests().get(0).body());
        assertThat(body.get("expiresIn")).isEqualTo(JSON.readTree("{\"value\":60000}"));
    }

    @Test
    void sendsDottedScopesByTheirExactWireNames() throws Exception {
        invokeOk(Map.of("name", "ag", "scopes", List.of("activeGateTokenManagement.read", "apiTokens.write")));

        JsonNode body = JSON.readTree(cluster.requests().get(0).body());
        assertThat(body.get("scopes").toString()).isEqualTo("[\"activeGateTokenManagement.read\",\"apiTokens.write\"]");
    }

    static List<Arguments> invalidRequests() {
        return List.of(
                Arguments.of("{\"scopes\":[\"DiagnosticExport\"]}", "name: is required"),
                Arguments.of("{\"name\":\"  \",\"scopes\":[\"DiagnosticExport\"]}", "name: must not be blank"),
                Arguments.of("{\"name\":\"x\"}", "scopes: is required"),
                Arguments.of("{\"name\":\"x\",\"scopes\":[]}", "scopes: must name at least one scope"),
                Arguments.of("{\"name\":\"x\",\"scopes\":[\"DiagnosticExport\",\"Foo\"]}",
                        "scopes[1]: 'Foo' is not a cluster token scope"),
                Arguments.of("{\"name\":\"x\",\"scopes\":[\"diagnosticexport\"]}",
                        "scopes[0]: 'diagnosticexport' is not a cluster token scope"),
                Arguments.of("{\"name\":\"x\",\"scopes\":[null]}", "scopes[0]: must be a cluster token scope"),
                Arguments.of("{\"name\":\"x\",\"scopes\":\"DiagnosticExport\"}", "scopes: expected a list"),
                Arguments.of("{\"name\":\"x\",\"scopes\":[\"DiagnosticExport\"],\"expiresIn\":{\"value\":0}}",
                        "expiresIn.value: must be a positive integer"),
                Arguments.of(
                        "{\"name\":\"x\",\"scopes\":[\"DiagnosticExport\"],\"expiresIn\":{\"value\":-5,\"unit\":\"DAYS\"}}",
                        "expiresIn.value: must be a positive integer"),
                Arguments.of("{\"name\":\"x\",\"scopes\":[\"DiagnosticExport\"],\"expiresIn\":{\"value\":1.5}}",
                        "expiresIn.value: '1.5' is not an integer"),
                Arguments.of("{\"name\":\"x\",\"scopes\":[\"DiagnosticExport\"],\"expiresIn\":{\"value\":\"24\"}}",
                        "expiresIn.value: expected an integer"),
                Arguments.of("{\"name\":\"x\",\"scopes\":[\"DiagnosticExport\"],\"expiresIn\":{\"unit\":\"DAYS\"}}",
                        "expiresIn.value: is required"),
                Arguments.of(
                        "{\"name\":\"x\",\"scopes\":[\"DiagnosticExport\"],\"expiresIn\":{\"value\":1,\"unit\":\"WEEKS\"}}",
                        "expiresIn.unit: 'WEEKS' is not a unit; use one of DAYS, HOURS, MILLIS, MINUTES, SECONDS"),
                Arguments.of(
                        "{\"name\":\"x\",\"scopes\":[\"DiagnosticExport\"],\"expiresIn\":{\"value\":99999999999999999999}}",
                        "expiresIn.value: number out of range"),
                Arguments.of("{\"name\":{\"first\":\"x\"},\"scopes\":[\"DiagnosticExport\"]}",
                        "name: expected a string"),
                Arguments.of("{\"name\":42,\"scopes\":[\"DiagnosticExport\"]}", "name: '42' is not a string"),
                Arguments.of("{\"name\":\"x\",\"scope\":[\"DiagnosticExport\"]}", "scope: unknown field"),
                Arguments.of("{\"name\":\"x\",\"scopes\":[\"DiagnosticExport\"],\"delivery\":\"email\"}",
                        "delivery: 'email' is not a delivery; use one of return, secretsManager"),
                Arguments.of("{\"name\":\"x\",\"scopes\":[\"DiagnosticExport\"],\"idempotencyKey\":\"a b\"}",
                        "idempotencyKey: 'a b' must be 1 to 128 letters, digits or _.:/=+@-"),
                Arguments.of("{\"name\":\"x\",\"scopes\":[\"DiagnosticExport\"],\"requester\":\" \"}",
                        "requester: must be 1 to 256 characters, not blank"),
                Arguments.of("[\"MyToken\"]", "request: expected a JSON object"),
                // Malformed JSON never reaches the function: the event reader refuses it (Lambda's own invoke API
                // refuses it even earlier), naming where the JSON ends, never echoing the payload.
                Arguments.of("{\"name\":\"x\",", "Unexpected end-of-input within/between Object entries"));
    }

    @ParameterizedTest
    @MethodSource("invalidRequests")
    void rejectsInvalidRequestBeforeCallingCluster(String payload, String expectedMessage) {
        String message = invokeFailing(payload);

        assertThat(message).contains(expectedMessage);
        assertThat(cluster.requests()).as("the cluster received nothing").isEmpty();
    }

    @Test
    void reportsEverySqsMessageAsFailedWithoutAnIdempotencyTableAndCreatesNothing() throws Exception {
        String event = "{\"Records\":[{\"messageId\":\"m-1\",\"eventSource\":\"aws:sqs\",\"body\":"
                + JSON.writeValueAsString("{\"name\":\"x\",\"scopes\":[\"DiagnosticExport\"]}") + "}]}";

        JsonNode response = JSON.readTree(invokeOk(event).extract().asString());

        assertThat(response).isEqualTo(JSON.readTree("{\"batchItemFailures\":[{\"itemIdentifier\":\"m-1\"}]}"));
        assertThat(cluster.requests()).isEmpty();
    }

    @Test
    void refusesAnIdempotencyKeyWithoutATableNamingTheVariable() {
        String message = invokeFailing("{\"name\":\"x\",\"scopes\":[\"DiagnosticExport\"],\"idempotencyKey\":\"k-1\"}");

        assertThat(message).startsWith("ConfigurationException: CREATE_TOKEN_IDEMPOTENCY_TABLE is not set");
        assertThat(cluster.requests()).isEmpty();
    }

    @Test
    void reportsEveryProblemOfARequestAtOnce() {
        String message = invokeFailing("{\"name\":\"\",\"scopes\":[],\"expiresIn\":{\"value\":0}}");

        assertThat(message).contains("InvalidInputException", "name: must not be blank",
                "scopes: must name at least one scope", "expiresIn.value: must be a positive integer");
    }
}
