package com.clustertokens.cluster;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.error.ClusterUnavailableException;
import com.clustertokens.lambda.Deadline;
import com.clustertokens.lambda.InvocationBudget;
import com.clustertokens.lambda.InvocationConfig;
import com.clustertokens.testing.AnswerGate;
import com.clustertokens.testing.ControlledClock;
import com.clustertokens.testing.Exports;
import com.clustertokens.testing.InjectWireMock;
import com.clustertokens.testing.WireMockClusterResource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.tls.TlsConfigurationRegistry;

/**
 * A single call to the cluster never outlives the invocation: with 1 s left of a 60 s invocation, a cluster that
 * holds its answer until the client gives up, and the tests' 3 s read timeout, the call is given up on with the time
 * left, not the read timeout, and reported as the timeout it is (the outcome unknown). The time left is exact: the
 * invocation's clock stands still ({@link ControlledClock}).
 */
@QuarkusTest
@TestProfile(Exports.ListTokensWithDeadline.class)
@WithTestResource(WireMockClusterResource.class)
class CallTimeLeftTest {

    private static final String HELD = "/api/cluster/v2/tokens/held-token";

    @InjectWireMock
    WireMockServer cluster;

    @Inject
    ClusterConfig config;
    @Inject
    ClusterRegistry registry;
    @Inject
    ApiTokenSource apiTokens;
    @Inject
    ObjectMapper mapper;
    @Inject
    Instance<TlsConfigurationRegistry> tls;
    @Inject
    InvocationConfig invocationConfig;

    private ClusterClients clients;
    private ClusterTokenClient client;

    @BeforeEach
    void oneSecondLeft() {
        cluster.resetAll();
        ControlledClock clock = new ControlledClock(Instant.now());
        Instant deadline = clock.now().plus(Duration.ofSeconds(1));
        // As when the invocation has spent 58 of its 59 s of budget before this call.
        InvocationBudget budget = new InvocationBudget(null, invocationConfig, clock) {
            @Override
            public Deadline deadline() {
                return new Deadline(Optional.of(deadline), "DT_INVOCATION_TIMEOUT "
                        + invocationConfig.invocationTimeout().toMillis() + " ms", clock);
            }
        };
        clients = new ClusterClients(config, registry, apiTokens, mapper, tls, budget);
        client = clients.select(null);
    }

    @AfterEach
    void closeClient() {
        clients.reset();
        AnswerGate.openAll();
    }

    @Test
    void aReadHeldPastTheTimeLeftIsGivenUpOnWithTheTimeLeftAndNotRetried() {
        AnswerGate gate = AnswerGate.closed();
        cluster.stubFor(gate.on(get(urlPathEqualTo(HELD)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"held-token\",\"name\":\"x\","
                        + "\"userId\":\"ops\",\"revoked\":false,\"created\":1754006400000,\"scopes\":[]}"))));

        assertThatThrownBy(() -> client.metadata("held-token")).isInstanceOf(ClusterUnavailableException.class)
                .hasMessageContaining(cluster.baseUrl() + " did not answer within the 1000 ms the invocation had "
                        + "left (DT_INVOCATION_TIMEOUT 60000 ms; DT_READ_TIMEOUT 3000 ms)")
                .hasMessageContaining("stopped retrying after 1 attempt to report before the invocation deadline");
        gate.awaitArrival(); // the client gave up by its own clock, maybe before a busy cluster had read the request
        assertThat(cluster.findAll(getRequestedFor(urlPathEqualTo(HELD)))).as("sent, once").hasSize(1);
    }

    @Test
    void aDeleteHeldPastTheTimeLeftIsGivenUpOnWithTheTimeLeft() {
        AnswerGate gate = AnswerGate.closed();
        cluster.stubFor(gate.on(delete(urlPathEqualTo(HELD)).willReturn(aResponse().withStatus(204))));

        assertThatThrownBy(() -> client.delete("held-token")).isInstanceOf(ClusterUnavailableException.class)
                .hasMessageContaining(" within the 1000 ms the invocation had left");
        gate.awaitArrival();
        assertThat(cluster.findAll(deleteRequestedFor(urlPathEqualTo(HELD)))).hasSize(1);
    }
}
