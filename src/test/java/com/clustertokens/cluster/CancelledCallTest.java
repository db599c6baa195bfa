package com.clustertokens.cluster;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.testing.AnswerGate;
import com.clustertokens.testing.ControlledClock;
import com.clustertokens.testing.Exports;
import com.clustertokens.testing.InjectWireMock;
import com.clustertokens.testing.WireMockClusterResource;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A read whose task is cancelled (stale-tokens interrupts its other reads once one has failed) ends there: the
 * interrupted call is not taken for a dropped connection and sent again, after the function has returned and into
 * the next invocation. The cluster holds its answer at a closed {@link AnswerGate}, so the call is surely in flight
 * when it is cancelled.
 */
@QuarkusTest
@TestProfile(Exports.ListTokensWithDeadline.class)
@WithTestResource(WireMockClusterResource.class)
class CancelledCallTest {

    private static final String HELD = "/api/cluster/v2/tokens/held-token";

    @InjectWireMock
    WireMockServer cluster;

    @Inject
    ClusterClients clients;

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
    void aReadCancelledInFlightIsNotSentAgain() throws Exception {
        AnswerGate gate = AnswerGate.closed();
        cluster.stubFor(gate.on(get(urlPathEqualTo(HELD)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"held-token\",\"name\":\"x\","
                        + "\"userId\":\"ops\",\"revoked\":false,\"created\":1754006400000,\"scopes\":[]}"))));
        ExecutorService reads = Executors.newSingleThreadExecutor();
        Future<?> read = reads.submit(() -> {
            ManagedContext requestContext = Arc.container().requestContext();
            requestContext.activate();
            try {
                return clients.select(null).metadata("held-token");
            } finally {
                requestContext.terminate();
            }
        });
        gate.awaitArrival();

        read.cancel(true);
        reads.shutdown();

        assertThat(reads.awaitTermination(AnswerGate.GUARD.toMillis(), TimeUnit.MILLISECONDS)).as("the read ended")
                .isTrue();
        assertThat(cluster.findAll(getRequestedFor(urlPathEqualTo(HELD)))).as("sent once").hasSize(1);
        assertThat(clock.pauses()).as("no back-off: nothing to send again").isEmpty();
    }
}
