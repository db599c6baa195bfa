package com.clustertokens.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.clustertokens.reliability.ClusterOperations.Operation;
import com.clustertokens.reliability.ClusterOperations.Sending;
import com.clustertokens.testing.AnswerGate;
import com.clustertokens.testing.ControlledClock;
import com.clustertokens.testing.Exports;
import com.clustertokens.testing.Functions;
import com.clustertokens.testing.InjectWireMock;
import com.clustertokens.testing.TestTokens;
import com.clustertokens.testing.WireMockClusterResource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Every fault the HTTP path can meet, against every operation that can meet it. The cluster answers with the fault
 * once and correctly afterwards: a read must succeed on its retry when the fault is transient, a create or delete
 * must be sent exactly once and fail with a message naming the cluster and the cause. Back-offs pass on the
 * invocation's {@link ControlledClock}; the slow answer is held until the client gives up on it (the tests' 3 s read
 * timeout), so no answer is ever late by chance. The cluster's retry limits are the tests' defaults: a Retry-After
 * beyond 2 s (DT_RETRY_MAX_BACKOFF) is reported, not awaited.
 */
@QuarkusTest
@TestProfile(Exports.ListTokensWithDeadline.class)
@WithTestResource(WireMockClusterResource.class)
class FaultMatrixTest {

    /**
     * How the operation meets the fault: answered wrongly once, or on every attempt; {@code held}: the answer is
     * held at a closed {@link AnswerGate} until the client has given up on it.
     */
    record ClusterFault(String name, Function<Operation, ResponseDefinitionBuilder> response,
            Predicate<Operation> transientFor, String cause, boolean needsABody, boolean held) {

        @Override
        public String toString() {
            return name;
        }
    }

    private static final String JSON = "application/json";
    private static final String HTML = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";

    static Stream<ClusterFault> faults() {
        return Stream.of(
                fault("429 without Retry-After", op -> status(429), true, "429"),
                fault("429 with a Retry-After longer than allowed", op -> status(429).withHeader("Retry-After", "3"),
                        false, "retry after 3 s"),
                fault("500", op -> status(500).withBody("{\"error\":{\"code\":500,\"message\":\"Internal error\"}}"),
                        false, "500"),
                fault("502", op -> status(502), true, "502"),
                fault("503", op -> status(503), true, "503"),
                fault("504", op -> status(504), true, "504"),
                // WireMock sends "200 OK" before the broken chunk: only an operation awaiting 200 reads on into it.
                new ClusterFault("malformed response chunk after 200", op -> faulty(Fault.MALFORMED_RESPONSE_CHUNK),
                        op -> op.successStatus() == 200, "answered 200", false, false),
                fault("random data then close", op -> faulty(Fault.RANDOM_DATA_THEN_CLOSE), true,
                        "Connection to cluster"),
                fault("connection reset by peer", op -> faulty(Fault.CONNECTION_RESET_BY_PEER), true,
                        "Connection to cluster"),
                fault("empty response, connection closed", op -> faulty(Fault.EMPTY_RESPONSE), true,
                        "Connection to cluster"),
                bodyFault("body cut off mid-JSON", op -> status(op.successStatus())
                        .withBody(op.successBody().substring(0, op.successBody().length() / 2)), true,
                        "ended in the middle of the JSON document"),
                bodyFault("HTML page with the success status", op -> status(op.successStatus())
                        .withHeader("Content-Type", "text/html").withBody(HTML), false, "not valid JSON"),
                fault("HTML page with 502", op -> status(502).withHeader("Content-Type", "text/html").withBody(HTML),
                        true, "502 Bad Gateway"),
                bodyFault("empty body with the success status", op -> status(op.successStatus()), false,
                        "the body is empty"),
                new ClusterFault("answer slower than the read timeout", FaultMatrixTest::success, op -> true,
                        "read timeout of 3000 ms", false, true));
    }

    @InjectWireMock
    WireMockServer cluster;

    private ControlledClock clock;
    private AnswerGate gate;

    @BeforeEach
    void reset() {
        cluster.resetAll();
        clock = ControlledClock.installed();
    }

    @AfterEach
    void letHeldAnswersGo() {
        AnswerGate.openAll();
    }

    static Stream<Arguments> everyFaultAgainstEveryOperation() {
        return ClusterOperations.all().flatMap(op -> faults()
                .filter(fault -> !fault.needsABody() || op.readsABody())
                .map(fault -> Arguments.of(op, fault)));
    }

    @ParameterizedTest(name = "{0} meets {1}")
    @MethodSource("everyFaultAgainstEveryOperation")
    void meetsEachFaultOnceWithARetryOrAClearError(Operation op, ClusterFault fault) {
        stubSequence(op, fault.response().apply(op), fault.held(), success(op));

        Functions.Result result = op.run().get();
        if (fault.held()) {
            // The client gave up by its own clock: make sure the cluster has seen the request it gave up on.
            gate.awaitArrival();
        }

        List<LoggedRequest> seen = requests(op);
        assertThat(seen).allMatch(r -> TestTokens.isApiTokenHeader(r.getHeader("Authorization")),
                "every request carries the API token");
        if (op.sending() == Sending.RETRIED_WHEN_TRANSIENT && fault.transientFor().test(op)) {
            assertThat(result.succeeded()).as("%s after one %s", op, fault).isTrue();
            assertThat(seen).as("requests the cluster saw: one retry more than a fault-free run")
                    .hasSize(op.requestsOnSuccess() + 1);
            assertThat(clock.pauses()).as("one back-off before the retry").hasSize(1);
            assertCorrectSuccess(op, result);
        } else {
            assertClearFailure(op, result, fault.cause());
            assertThat(seen).as("requests the cluster saw").hasSize(1);
            if (!op.fullListOnly()) {
                // stale-tokens' other lists, cancelled when this one fails, are not this operation's requests.
                assertThat(clock.pauses()).as("no back-off: nothing is sent again").isEmpty();
            }
        }
    }

    @ParameterizedTest(name = "{0} meets 503 on every attempt")
    @MethodSource("com.clustertokens.reliability.ClusterOperations#all")
    void givesUpOnAPersistentFaultAfterTheAllowedAttempts(Operation op) {
        answerOthersNormally(op);
        cluster.stubFor(op.stub().willReturn(status(503)
                .withBody("{\"error\":{\"code\":503,\"message\":\"Server is in maintenance\"}}")));

        Functions.Result result = op.run().get();

        assertClearFailure(op, result, "Server is in maintenance");
        if (op.sending() == Sending.EXACTLY_ONCE) {
            assertThat(requests(op)).hasSize(1);
        } else {
            assertThat(requests(op)).hasSize(4);
            assertThat(result.errorMessage()).contains("gave up after 4 attempts");
            assertThat(clock.pauses()).as("a back-off before each retry").hasSize(3);
        }
    }

    private void assertCorrectSuccess(Operation op, Functions.Result result) {
        if (op.readsABody()) {
            assertThat(result.json()).contains(ClusterOperations.MARKER);
        } else {
            assertThat(result.json()).isNull();
        }
    }

    private void assertClearFailure(Operation op, Functions.Result result, String cause) {
        assertThat(result.succeeded()).as("%s reported as success", op).isFalse();
        String message = result.errorMessage();
        assertThat(message).matches(
                "(ClusterUnavailableException|RateLimitedException|CreateOutcomeUnknownException): .*")
                .contains(cluster.baseUrl(), cause)
                .doesNotContain("java.", "io.vertx", "com.fasterxml", "jakarta.", "null");
        if (op.isCreate() && message.startsWith("ClusterUnavailableException")) {
            assertThat(message).contains("never reached the cluster, so no token was created");
        }
        if (message.startsWith("CreateOutcomeUnknownException")) {
            assertThat(op.isCreate()).as("only a create's outcome can be unknown").isTrue();
            assertThat(message).contains("may have created token", "finds out before creating");
        }
    }

    private void stubSequence(Operation op, ResponseDefinitionBuilder first, boolean held,
            ResponseDefinitionBuilder then) {
        answerOthersNormally(op);
        MappingBuilder faulty = op.stub().inScenario(op.name())
                .whenScenarioStateIs(Scenario.STARTED).willReturn(first).willSetStateTo("answered");
        gate = AnswerGate.closed();
        cluster.stubFor(held ? gate.on(faulty) : faulty);
        cluster.stubFor(op.stub().inScenario(op.name())
                .whenScenarioStateIs("answered").willReturn(then));
    }

    /** Requests outside {@link Operation#stub()} on the same path (stale-tokens' filtered lists) succeed. */
    private void answerOthersNormally(Operation op) {
        if (op.fullListOnly()) {
            cluster.stubFor(request(op.method().getName(), urlPathEqualTo(op.path())).atPriority(10)
                    .willReturn(success(op)));
        }
    }

    private List<LoggedRequest> requests(Operation op) {
        return cluster.findAll(op.seen());
    }

    private static ResponseDefinitionBuilder success(Operation op) {
        ResponseDefinitionBuilder ok = status(op.successStatus());
        return op.readsABody() ? ok.withBody(op.successBody()) : ok;
    }

    private static ResponseDefinitionBuilder status(int status) {
        return aResponse().withStatus(status).withHeader("Content-Type", JSON);
    }

    private static ResponseDefinitionBuilder faulty(Fault fault) {
        return aResponse().withFault(fault);
    }

    private static ClusterFault fault(String name, Function<Operation, ResponseDefinitionBuilder> response,
            boolean transientForReads, String cause) {
        return new ClusterFault(name, response, op -> transientForReads, cause, false, false);
    }

    private static ClusterFault bodyFault(String name, Function<Operation, ResponseDefinitionBuilder> response,
            boolean transientForReads, String cause) {
        return new ClusterFault(name, response, op -> transientForReads, cause, true, false);
    }
}
