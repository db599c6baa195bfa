package com.clustertokens.reliability;

import static com.clustertokens.testing.Lambda.invokeFailing;
import static com.clustertokens.testing.Lambda.invokeOk;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.testing.Exports;
import com.clustertokens.testing.InjectWireMock;
import com.clustertokens.testing.WireMockClusterResource;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * stale-tokens reads its filtered lists and token metadata on threads of its own; their retries keep the
 * invocation's deadline all the same.
 */
@QuarkusTest
@TestProfile(StaleTokensDeadlineTest.Profile.class)
@WithTestResource(WireMockClusterResource.class)
class StaleTokensDeadlineTest {

    /** stale-tokens under the same tight budget as {@link InvocationDeadlineTest}. */
    public static class Profile extends Exports.Export {
        public Profile() {
            super("stale-tokens", InvocationDeadlineTest.TIGHT_BUDGET);
        }
    }

    private static final String TOKENS = "/api/cluster/v2/tokens";
    private static final String ONE_TOKEN = "{\"values\":[{\"id\":\"t-1\",\"name\":\"never-used\"}]}";

    @InjectWireMock
    WireMockServer cluster;

    @BeforeEach
    void reset() {
        cluster.resetAll();
        cluster.stubFor(get(urlPathEqualTo(TOKENS)).withQueryParam("to", absent()).willReturn(okJson(ONE_TOKEN)));
        cluster.stubFor(get(urlPathEqualTo(TOKENS)).withQueryParam("from", matching("\\d+"))
                .willReturn(okJson("{\"values\":[]}")));
    }

    @Test
    void stopsRetryingAFilteredListBeforeTheDeadline() {
        cluster.stubFor(get(urlPathEqualTo(TOKENS)).withQueryParam("to", matching("\\d+"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));

        String message = invokeFailing("{\"now\":\"2026-11-01T00:00:00Z\"}");

        assertThat(message).contains("RateLimitedException", "retry after 1 s",
                "stopped retrying after 1 attempt to report before the invocation deadline");
        // The dormant list (to = the cutoff, 90 days before now); the histogram's lists end at other bounds.
        assertThat(cluster.findAll(getRequestedFor(urlPathEqualTo(TOKENS)).withQueryParam("to",
                equalTo(String.valueOf(java.time.Instant.parse("2026-08-03T00:00:00Z").toEpochMilli()))))).hasSize(1);
    }

    @Test
    void stopsRetryingMetadataBeforeTheDeadline() {
        cluster.stubFor(get(urlPathEqualTo(TOKENS)).withQueryParam("to", matching("\\d+"))
                .willReturn(okJson("{\"values\":[]}")));
        cluster.stubFor(get(urlPathEqualTo(TOKENS + "/t-1")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "1")));

        JsonPath report = invokeOk("{\"now\":\"2026-11-01T00:00:00Z\"}").extract().jsonPath();

        // One unreadable token does not cost the report: it is a note, and unverified (its creation time unknown)
        assertThat(report.getList("notes", String.class)).anySatisfy(note -> assertThat(note)
                .startsWith("token t-1 (never-used): its metadata could not be read (RateLimitedException")
                .contains("retry after 1 s", "stopped retrying after 1 attempt to report before the invocation "
                        + "deadline"));
        assertThat(report.getInt("counts.unverified")).isEqualTo(1);
        assertThat(report.getList("stale")).isEmpty();
        assertThat(cluster.findAll(getRequestedFor(urlPathEqualTo(TOKENS + "/t-1")))).hasSize(1);
    }
}
