package com.clustertokens.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
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
import com.clustertokens.testing.Functions;
import com.clustertokens.testing.InjectWireMock;
import com.clustertokens.testing.WireMockClusterResource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * stale-tokens reads its filtered lists and token metadata on threads of its own; their retries keep the
 * invocation's deadline all the same. As in {@link InvocationDeadlineTest}: 59 s of budget on a
 * {@link ControlledClock}, and the rate-limited answer comes after 56 s, leaving 3 s where a retry needs 1 s of
 * waiting and a 3 s attempt.
 */
@QuarkusTest
@TestProfile(Exports.ListTokensWithDeadline.class)
@WithTestResource(WireMockClusterResource.class)
class StaleTokensDeadlineTest {

    private static final String TOKENS = "/api/cluster/v2/tokens";
    private static final String ONE_TOKEN = "{\"values\":[{\"id\":\"t-1\",\"name\":\"never-used\"}]}";
    private static final String EVENT = "{\"now\":\"2026-11-01T00:00:00Z\"}";
    private static final String STOPPED = "stopped retrying after 1 attempt to report before the invocation deadline "
            + "(3000 ms left of DT_INVOCATION_TIMEOUT 60000 ms; a retry needs up to 4000 ms)";

    @InjectWireMock
    WireMockServer cluster;

    private ControlledClock clock;

    @BeforeEach
    void reset() {
        clock = ControlledClock.installed();
        cluster.resetAll();
        cluster.stubFor(get(urlPathEqualTo(TOKENS)).withQueryParam("to", absent()).willReturn(okJson(ONE_TOKEN)));
        cluster.stubFor(get(urlPathEqualTo(TOKENS)).withQueryParam("from", matching("\\d+"))
                .willReturn(okJson("{\"values\":[]}")));
    }

    @AfterEach
    void letHeldAnswersGo() {
        AnswerGate.openAll();
    }

    @Test
    void stopsRetryingAFilteredListBeforeTheDeadline() {
        cluster.stubFor(rateLimitedAfter56Seconds(get(urlPathEqualTo(TOKENS)).withQueryParam("to", matching("\\d+"))));

        Functions.Result result = Functions.invoke("stale-tokens", EVENT);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.errorMessage()).contains("RateLimitedException", "retry after 1 s", STOPPED);
        assertThat(clock.pauses()).as("waited for nothing").isEmpty();
        // The dormant list's youngest piece (to = the cutoff, 90 days before now); its other pieces end at other bounds.
        assertThat(cluster.findAll(getRequestedFor(urlPathEqualTo(TOKENS)).withQueryParam("to",
                equalTo(String.valueOf(java.time.Instant.parse("2026-08-03T00:00:00Z").toEpochMilli()))))).hasSize(1);
    }

    @Test
    void stopsRetryingMetadataBeforeTheDeadline() {
        cluster.stubFor(get(urlPathEqualTo(TOKENS)).withQueryParam("to", matching("\\d+"))
                .willReturn(okJson("{\"values\":[]}")));
        cluster.stubFor(rateLimitedAfter56Seconds(get(urlPathEqualTo(TOKENS + "/t-1"))));

        Functions.Result result = Functions.invoke("stale-tokens", EVENT);

        assertThat(result.succeeded()).as(result.toString()).isTrue();
        JsonPath report = JsonPath.from(result.json());

        // One unreadable token does not cost the report: it is a note, and unverified (its creation time unknown)
        assertThat(report.getList("notes", String.class)).anySatisfy(note -> assertThat(note)
                .startsWith("token t-1 (never-used): its metadata could not be read (RateLimitedException")
                .contains("retry after 1 s", STOPPED));
        assertThat(clock.pauses()).as("waited for nothing").isEmpty();
        assertThat(report.getInt("counts.unverified")).isEqualTo(1);
        assertThat(report.getList("stale")).isEmpty();
        assertThat(cluster.findAll(getRequestedFor(urlPathEqualTo(TOKENS + "/t-1")))).hasSize(1);
    }

    /**
     * {@code stub} answered 429 with Retry-After 1 s, 56 s into the invocation: the filtered lists are read in
     * parallel, and each of their answers comes at that instant, not 56 s after the one before.
     */
    private MappingBuilder rateLimitedAfter56Seconds(MappingBuilder stub) {
        return AnswerGate.arrivingAt(Duration.ofSeconds(56), clock).on(stub.willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "1")));
    }
}
