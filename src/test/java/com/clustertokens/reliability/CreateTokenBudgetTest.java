package com.clustertokens.reliability;

import static com.clustertokens.testing.Lambda.invokeFailing;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.testing.Exports;
import com.clustertokens.testing.InjectSecretsManager;
import com.clustertokens.testing.InjectSimulatedCluster;
import com.clustertokens.testing.PipelineAwsResource;
import com.clustertokens.testing.SimulatedClusterResource;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * One budget for the whole create: a Secrets Manager that does not answer is given up on while time is left to take
 * the new token back, so the caller hears what happened and the cluster keeps nothing unstored.
 */
@QuarkusTest
@TestProfile(CreateTokenBudgetTest.Profile.class)
@WithTestResource(SimulatedClusterResource.class)
@WithTestResource(PipelineAwsResource.class)
class CreateTokenBudgetTest {

    /** A 12 s invocation (11 s budget): a create needs 1 s to connect, 2 s to read and 2 s after. */
    public static class Profile extends Exports.Export {
        public Profile() {
            super("create-token", Map.of("dt.invocation-timeout", "12s", "dt.invocation-safety-margin", "1s",
                    "dt.connect-timeout", "1s", "dt.read-timeout", "2s", "create-token.aws-calls-time",
                    "2s"));
        }
    }

    @InjectSimulatedCluster
    SimulatedCluster cluster;

    @InjectSecretsManager
    WireMockServer secretsManager;

    @BeforeEach
    void reset() {
        cluster.reset();
        secretsManager.resetAll();
    }

    @Test
    void aSecretsManagerThatDoesNotAnswerIsGivenUpInTimeToDeleteTheNewTokenAgain() {
        secretsManager.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(
                "secretsmanager.CreateSecret")).willReturn(aResponse().withStatus(200).withFixedDelay(60_000)));

        String error = invokeFailing("{\"name\":\"slow-store\",\"scopes\":[\"settings.read\"],\"delivery\":"
                + "\"secretsManager\",\"idempotencyKey\":\"slow-" + UUID.randomUUID() + "\"}");

        assertThat(error).startsWith("TokenStorageFailedException: ").contains("could not be stored")
                .contains("ApiCallTimeoutException").contains("deleted again");
        assertThat(secretsManager.findAll(postRequestedFor(urlEqualTo("/")))).isNotEmpty();
        assertThat(cluster.liveTokensNamed("slow-store")).isEmpty();
        assertThat(cluster.requests()).anyMatch(r -> r.method().equals("DELETE"));
    }
}
