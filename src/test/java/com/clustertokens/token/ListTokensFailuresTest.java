package com.clustertokens.token;

import static com.clustertokens.testing.Lambda.invokeFailing;
import static com.clustertokens.testing.Lambda.invokeOk;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.testing.AnswerGate;
import com.clustertokens.testing.ControlledClock;
import com.clustertokens.testing.Exports;
import com.clustertokens.testing.InjectWireMock;
import com.clustertokens.testing.WireMockClusterResource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** How list-tokens meets each failure; its back-offs pass on a {@link ControlledClock}, so they are seen, not waited. */
@QuarkusTest
@TestProfile(Exports.ListTokensWithDeadline.class)
@WithTestResource(WireMockClusterResource.class)
class ListTokensFailuresTest {

    private static final String TOKENS = "/api/cluster/v2/tokens";
    private static final String ONE_TOKEN = "{\"values\":[{\"id\":\"6a98d7bc\",\"name\":\"ci\"}]}";

    @InjectWireMock
    WireMockServer cluster;

    private ControlledClock clock;

    @BeforeEach
    void reset() {
        cluster.resetAll();
        clock = ControlledClock.installed();
    }

    @AfterEach
    void letHeldAnswersGo() {
        AnswerGate.openAll();
    }

    @Test
    void retriesAReadThatGetsTwo429sAndThenSucceeds() {
        stubSequence(status(429), status(429), okList());

        var response = invokeOk("{}").extract();

        assertThat(response.<List<String>>path("values.name")).containsExactly("ci");
        assertThat(requestCount()).isEqualTo(3);
        assertThat(clock.pauses()).as("a back-off before each retry").hasSize(2);
    }

    @Test
    void honoursRetryAfterBeforeRetrying() {
        stubSequence(status(429).withHeader("Retry-After", "1"), okList());

        invokeOk("{}");

        assertThat(requestCount()).isEqualTo(2);
        assertThat(clock.pauses()).as("waited the second Retry-After asked for").containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void retriesGatewayErrorsAndConnectionResets() {
        stubSequence(status(502), status(503), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), okList());

        invokeOk("{}");

        assertThat(requestCount()).isEqualTo(4);
        assertThat(clock.pauses()).hasSize(3);
    }

    @Test
    void givesUpAfterFourAttemptsNamingTheClusterAndTheStatus() {
        cluster.stubFor(get(urlPathEqualTo(TOKENS)).willReturn(status(503)
                .withBody("{\"error\":{\"code\":503,\"message\":\"Server is in maintenance\"}}")));

        String message = invokeFailing("{}");

        assertThat(message).contains("ClusterUnavailableException", cluster.baseUrl(), "503",
                "Server is in maintenance", "gave up after 4 attempts");
        assertThat(requestCount()).isEqualTo(4);
        assertThat(clock.pauses()).hasSize(3);
    }

    @Test
    void reportsRateLimitingWhenTheClusterAsksForALongerWaitThanAllowed() {
        cluster.stubFor(get(urlPathEqualTo(TOKENS)).willReturn(status(429).withHeader("Retry-After", "3600")));

        String message = invokeFailing("{}");

        assertThat(message).contains("RateLimitedException", cluster.baseUrl(), "429", "retry after 3600 s");
        assertThat(requestCount()).isEqualTo(1);
        assertThat(clock.pauses()).as("not waited for").isEmpty();
    }

    @Test
    void reportsDynatraceMessageAndEveryConstraintViolationOf400() {
        cluster.stubFor(get(urlPathEqualTo(TOKENS)).willReturn(status(400).withBody(
                """
                        {"error":{"code":400,"message":"Constraints violated.","constraintViolations":[
                          {"path":"limit","message":"must be less than or equal to 1000000","parameterLocation":"QUERY","location":null},
                          {"path":"permissions","message":"unknown permission","parameterLocation":"QUERY","location":null}]}}""")));

        String message = invokeFailing("{}");

        assertThat(message).contains("ClusterRejectedRequestException", "Constraints violated.",
                "limit: must be less than or equal to 1000000", "permissions: unknown permission");
        assertThat(requestCount()).as("a 400 is not retried").isEqualTo(1);
    }

    @Test
    void explainsAuthenticationFailureAndTheScopeItNeeds() {
        cluster.stubFor(get(urlPathEqualTo(TOKENS)).willReturn(status(401)
                .withBody("{\"error\":{\"code\":401,\"message\":\"Token Authentication failed\"}}")));

        String message = invokeFailing("{}");

        assertThat(message).contains("AuthenticationFailedException", cluster.baseUrl(),
                "Token Authentication failed", "ClusterTokenManagement");
        assertThat(requestCount()).isEqualTo(1);
    }

    @Test
    void explainsAForbiddenAnswerAsAPermissionOfTheTokenNamingWhereItComesFrom() {
        cluster.stubFor(get(urlPathEqualTo(TOKENS)).willReturn(status(403)
                .withBody("{\"error\":{\"code\":403,\"message\":\"Forbidden\"}}")));

        String message = invokeFailing("{}");

        assertThat(message).startsWith("AuthenticationFailedException: ").contains("failed (403): Forbidden",
                "Check DT_API_TOKEN", "allowed this operation");
        assertThat(requestCount()).isEqualTo(1);
    }

    @Test
    void reportsAnHtmlErrorPageWithoutTakingItForTheApi() {
        cluster.stubFor(get(urlPathEqualTo(TOKENS)).willReturn(status(200)
                .withHeader("Content-Type", "text/html").withBody("<html><body>Please log in</body></html>")));

        String message = invokeFailing("{}");

        assertThat(message).contains("ClusterUnavailableException", cluster.baseUrl(), "not valid JSON");
    }

    @Test
    void reportsAResponseSlowerThanTheReadTimeout() {
        // Held until the client gives up: the tests' 3 s DT_READ_TIMEOUT, four times over (every attempt is held).
        AnswerGate gate = AnswerGate.closed();
        cluster.stubFor(gate.on(get(urlPathEqualTo(TOKENS)).willReturn(okList())));

        String message = invokeFailing("{}");
        for (int attempt = 1; attempt <= 4; attempt++) {
            gate.awaitArrival(); // each request the client gave up on has reached the cluster, however slow it was
        }

        assertThat(message).contains("ClusterUnavailableException", cluster.baseUrl(),
                "did not answer within the read timeout of 3000 ms", "gave up after 4 attempts");
        assertThat(requestCount()).isEqualTo(4);
    }

    @Test
    void reportsAnErrorBodyThatIsNotJsonWithItsStatus() {
        cluster.stubFor(get(urlPathEqualTo(TOKENS)).willReturn(status(500).withBody("Internal failure")));

        String message = invokeFailing("{}");

        assertThat(message).contains(cluster.baseUrl(), "500", "Internal failure");
        assertThat(requestCount()).as("500 is not among the retried statuses").isEqualTo(1);
    }

    private void stubSequence(ResponseDefinitionBuilder... responses) {
        String state = Scenario.STARTED;
        for (int i = 0; i < responses.length; i++) {
            String next = i == responses.length - 1 ? state : "attempt-" + (i + 2);
            cluster.stubFor(get(urlPathEqualTo(TOKENS)).inScenario("sequence").whenScenarioStateIs(state)
                    .willReturn(responses[i]).willSetStateTo(next));
            state = next;
        }
    }

    private static ResponseDefinitionBuilder status(int status) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json");
    }

    private static ResponseDefinitionBuilder okList() {
        return status(200).withBody(ONE_TOKEN);
    }

    private int requestCount() {
        return cluster.findAll(getRequestedFor(urlPathEqualTo(TOKENS))).size();
    }
}
