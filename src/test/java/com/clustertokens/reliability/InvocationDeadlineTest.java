package com.clustertokens.reliability;

import static com.clustertokens.testing.Lambda.invokeFailing;
import static com.clustertokens.testing.Lambda.invokeOk;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.testing.AnswerGate;
import com.clustertokens.testing.ControlledClock;
import com.clustertokens.testing.Exports;
import com.clustertokens.testing.InjectWireMock;
import com.clustertokens.testing.WireMockClusterResource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Retries stop in time to report a clear error before the invocation's own deadline, instead of being cut off. The
 * invocation runs on a {@link ControlledClock} and the cluster's answers take the time the test gives them, so what
 * is left when a retry is weighed is exact: 59 s of budget (a 60 s Lambda timeout less the 1 s safety margin), and a
 * retry needs its wait plus a whole attempt (the tests' 3 s read timeout).
 */
@QuarkusTest
@TestProfile(Exports.ListTokensWithDeadline.class)
@WithTestResource(WireMockClusterResource.class)
class InvocationDeadlineTest {

    private static final String TOKENS = "/api/cluster/v2/tokens";

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
    void doesNotWaitForARetryAfterThatWouldOutlastTheInvocation() {
        // The 429 comes after 56 s: its 1 s of waiting and a 3 s attempt do not fit in the 3 s left.
        cluster.stubFor(AnswerGate.taking(Duration.ofSeconds(56), clock).on(get(urlPathEqualTo(TOKENS))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))));

        String message = invokeFailing("{}");

        assertThat(message).contains("RateLimitedException", cluster.baseUrl(), "retry after 1 s",
                "stopped retrying after 1 attempt to report before the invocation deadline (3000 ms left of "
                        + "DT_INVOCATION_TIMEOUT 60000 ms; a retry needs up to 4000 ms)");
        assertThat(requestCount()).isEqualTo(1);
        assertThat(clock.pauses()).as("waited for nothing").isEmpty();
    }

    @Test
    void waitsForARetryAfterThatStillFitsBeforeTheDeadline() {
        // The 429 comes after 55 s: the 4 s left hold its 1 s of waiting and a 3 s attempt, exactly.
        cluster.stubFor(AnswerGate.taking(Duration.ofSeconds(55), clock).on(get(urlPathEqualTo(TOKENS))
                .inScenario("late").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("answered")));
        cluster.stubFor(get(urlPathEqualTo(TOKENS)).inScenario("late").whenScenarioStateIs("answered")
                .willReturn(okJson("{\"values\":[{\"id\":\"t-1\",\"name\":\"ci\"}]}")));

        var listed = invokeOk("{}").extract();

        assertThat(listed.<String>path("values[0].name")).isEqualTo("ci");
        assertThat(requestCount()).isEqualTo(2);
        assertThat(clock.pauses()).as("the wait the cluster asked for").containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void stopsBackingOffBeforeTheDeadlineWithTheAttemptsMade() {
        // Each 503 comes after 28 s: the first leaves 31 s for a back-off and an attempt, the second less than 3 s.
        cluster.stubFor(AnswerGate.taking(Duration.ofSeconds(28), clock).on(get(urlPathEqualTo(TOKENS))
                .willReturn(aResponse().withStatus(503))));

        String message = invokeFailing("{}");

        Duration left = Duration.ofSeconds(59 - 2 * 28).minus(clock.paused());
        assertThat(requestCount()).as("retried, but not all 4 attempts DT_RETRY_MAX_ATTEMPTS allows").isEqualTo(2);
        assertThat(clock.pauses()).as("one back-off, before the second attempt").hasSize(1);
        assertThat(message).contains("ClusterUnavailableException", cluster.baseUrl(), "503",
                "stopped retrying after 2 attempts to report before the invocation deadline (" + left.toMillis()
                        + " ms left of DT_INVOCATION_TIMEOUT 60000 ms");
    }

    private int requestCount() {
        return cluster.findAll(getRequestedFor(urlPathEqualTo(TOKENS))).size();
    }
}
