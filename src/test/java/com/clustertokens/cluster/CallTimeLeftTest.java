package com.clustertokens.cluster;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.error.ClusterUnavailableException;
import com.clustertokens.lambda.InvocationBudget;
import com.clustertokens.lambda.InvocationConfig;
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
 * A single call to the cluster never outlives the invocation: with 2 s left of a 60 s invocation, a cluster that
 * holds its answer for 10 s, and a 30 s read timeout, the call is given up on with the time left, not the read
 * timeout, and reported as the timeout it is (the outcome unknown), before the cluster would have answered.
 */
@QuarkusTest
@TestProfile(CallTimeLeftTest.Profile.class)
@WithTestResource(WireMockClusterResource.class)
class CallTimeLeftTest {

    /** A 60 s Lambda timeout and the default 30 s read timeout: only the time left can cut a call short. */
    public static class Profile extends Exports.Export {
        public Profile() {
            super("list-tokens", Map.of("dt.invocation-timeout", "60s", "dt.read-timeout", "30s",
                    "dt.connect-timeout", "5s"));
        }
    }

    private static final String HELD = "/api/cluster/v2/tokens/held-token";
    private static final int HOLD_MILLIS = 10_000;

    @InjectWireMock
    WireMockServer cluster;

    @Inject
    ClusterConfig config;
    @Inject
    ClusterSelection selection;
    @Inject
    ApiTokenSource apiTokens;
    @Inject
    ObjectMapper mapper;
    @Inject
    Instance<TlsConfigurationRegistry> tls;
    @Inject
    InvocationConfig invocationConfig;

    private ClusterTokenClient client;

    @BeforeEach
    void twoSecondsLeft() {
        cluster.resetAll();
        Instant deadline = Instant.now().plusSeconds(2);
        // As when the invocation has spent 57 of its 59 s of budget before this call.
        InvocationBudget budget = new InvocationBudget(null, invocationConfig) {
            @Override
            public Optional<Instant> deadline() {
                return Optional.of(deadline);
            }
        };
        client = new ClusterTokenClient(config, selection, apiTokens, mapper, tls, budget);
    }

    @AfterEach
    void closeClient() {
        client.reset();
    }

    @Test
    void aReadHeldPastTheTimeLeftIsGivenUpOnWithTheTimeLeftAndNotRetried() {
        cluster.stubFor(get(urlPathEqualTo(HELD)).willReturn(aResponse().withStatus(200).withFixedDelay(HOLD_MILLIS)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"held-token\",\"name\":\"x\","
                        + "\"userId\":\"ops\",\"revoked\":false,\"created\":1754006400000,\"scopes\":[]}")));

        assertThatThrownBy(() -> client.metadata("held-token")).isInstanceOf(ClusterUnavailableException.class)
                .hasMessageContaining(cluster.baseUrl() + " did not answer within the ")
                .hasMessageContaining(" ms the invocation had left (DT_INVOCATION_TIMEOUT 60000 ms; DT_READ_TIMEOUT "
                        + "30000 ms)")
                .hasMessageContaining("stopped retrying after 1 attempt to report before the invocation deadline");
        assertThat(cluster.findAll(getRequestedFor(urlPathEqualTo(HELD)))).as("sent, once").hasSize(1);
    }

    @Test
    void aDeleteHeldPastTheTimeLeftIsGivenUpOnWithTheTimeLeft() {
        cluster.stubFor(delete(urlPathEqualTo(HELD)).willReturn(aResponse().withStatus(204)
                .withFixedDelay(HOLD_MILLIS)));

        assertThatThrownBy(() -> client.delete("held-token")).isInstanceOf(ClusterUnavailableException.class)
                .hasMessageContaining(" ms the invocation had left");
        assertThat(cluster.findAll(deleteRequestedFor(urlPathEqualTo(HELD)))).hasSize(1);
    }
}
