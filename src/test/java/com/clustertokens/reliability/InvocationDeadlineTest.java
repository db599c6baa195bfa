package com.clustertokens.reliability;

import static com.clustertokens.testing.Lambda.invokeFailing;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.testing.Exports;
import com.clustertokens.testing.InjectWireMock;
import com.clustertokens.testing.WireMockClusterResource;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Retries stop in time to report a clear error before the invocation's own deadline, instead of being cut off. */
@QuarkusTest
@TestProfile(InvocationDeadlineTest.Profile.class)
@WithTestResource(WireMockClusterResource.class)
class InvocationDeadlineTest {

    /** A 1.5 s Lambda timeout (1.3 s budget) and more attempts than fit in it. */
    static final Map<String, String> TIGHT_BUDGET = Map.of("dt.invocation-timeout", "1500ms",
            "dt.invocation-safety-margin", "200ms", "dt.read-timeout", "300ms", "dt.retry.initial-backoff", "150ms",
            "dt.retry.max-backoff", "2s", "dt.retry.max-attempts", "20");

    /** list-tokens under {@link #TIGHT_BUDGET}. */
    public static class Profile extends Exports.Export {
        public Profile() {
            super("list-tokens", TIGHT_BUDGET);
        }
    }

    private static final String TOKENS = "/api/cluster/v2/tokens";

    @InjectWireMock
    WireMockServer cluster;

    @BeforeEach
    void reset() {
        cluster.resetAll();
    }

    @Test
    void doesNotWaitForARetryAfterThatWouldOutlastTheInvocation() {
        cluster.stubFor(get(urlPathEqualTo(TOKENS)).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "1")));

        String message = invokeFailing("{}");

        // 1 s of waiting plus a 300 ms attempt do not fit in what is left of the 1.3 s budget.
        assertThat(message).contains("RateLimitedException", cluster.baseUrl(), "retry after 1 s",
                "stopped retrying after 1 attempt to report before the invocation deadline", "DT_INVOCATION_TIMEOUT");
        assertThat(requestCount()).isEqualTo(1);
    }

    @Test
    void stopsBackingOffBeforeTheDeadlineWithTheAttemptsMade() {
        cluster.stubFor(get(urlPathEqualTo(TOKENS)).willReturn(aResponse().withStatus(503)));

        String message = invokeFailing("{}");

        int attempts = requestCount();
        assertThat(message).contains("ClusterUnavailableException", cluster.baseUrl(), "503",
                "stopped retrying after " + attempts + " attempts to report before the invocation deadline");
        assertThat(attempts).as("retried, but not all 20 attempts").isBetween(2, 19);
    }

    private int requestCount() {
        return cluster.findAll(getRequestedFor(urlPathEqualTo(TOKENS))).size();
    }
}
