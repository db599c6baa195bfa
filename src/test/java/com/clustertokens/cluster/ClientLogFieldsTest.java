package com.clustertokens.cluster;

import static com.clustertokens.testing.Lambda.invokeOk;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.testing.ConsoleCapture;
import com.clustertokens.testing.Exports;
import com.clustertokens.testing.InjectWireMock;
import com.clustertokens.testing.WireMockClusterResource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The lines a client writes on the threads stale-tokens hands its lists to carry the run's fields, with no wrap around
 * the tasks: those threads are made inside the run, and a new thread starts with its maker's log fields. A retry line
 * written there carries exactly the fields of the run's own lines.
 */
@QuarkusTest
@TestProfile(Exports.StaleTokens.class)
@WithTestResource(WireMockClusterResource.class)
class ClientLogFieldsTest {

    private static final String TOKENS = "/api/cluster/v2/tokens";
    private static final String NONE = "{\"values\":[]}";
    private static final String SCHEDULED = "2026-11-22T06:00:00Z";

    @InjectWireMock
    WireMockServer cluster;

    private ConsoleCapture console;

    @BeforeEach
    void oneFilteredListAnsweredBusyOnce() {
        cluster.resetAll();
        cluster.stubFor(get(urlPathEqualTo(TOKENS)).willReturn(okJson(NONE)));
        cluster.stubFor(get(urlPathEqualTo(TOKENS)).withQueryParam("to", matching("\\d+")).inScenario("busy once")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(503))
                .willSetStateTo("answered"));
        cluster.stubFor(get(urlPathEqualTo(TOKENS)).withQueryParam("to", matching("\\d+")).inScenario("busy once")
                .whenScenarioStateIs("answered").willReturn(okJson(NONE)));
        console = ConsoleCapture.start();
    }

    @AfterEach
    void stopCapture() {
        console.close();
    }

    @Test
    void aRetryLineWrittenOnAThreadTheRunHandedAListToNamesTheFunctionTheClusterAndTheRun() {
        invokeOk("{\"scheduledTime\":\"" + SCHEDULED + "\"}");

        List<ConsoleCapture.Line> lines = console.lines();
        ConsoleCapture.Line report = lines.stream().filter(l -> l.message().startsWith("Token hygiene report"))
                .findFirst().orElseThrow();
        List<ConsoleCapture.Line> retries = lines.stream().filter(l -> l.message().startsWith("list tokens: ")
                && l.message().contains("; attempt 1 of ")).toList();
        assertThat(retries).as("retry lines").isNotEmpty().allSatisfy(retry -> {
            assertThat(retry.thread()).startsWith("stale-tokens-").isNotEqualTo(report.thread());
            assertThat(retry.fields()).containsEntry("function", "stale-tokens").containsEntry("cluster", "default")
                    .containsEntry("runId", "schedule at " + SCHEDULED).isEqualTo(report.fields());
        });
        // The histogram cuts the active and dormant lists at its bounds: five pieces end before now, each busy one
        // twice.
        assertThat(cluster.findAll(getRequestedFor(urlPathEqualTo(TOKENS)).withQueryParam("to", matching("\\d+"))))
                .as("filtered lists with a 'to'").hasSize(5 + retries.size());
    }
}
