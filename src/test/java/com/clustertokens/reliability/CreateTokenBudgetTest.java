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

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.testing.AnswerGate;
import com.clustertokens.testing.ControlledClock;
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
 * the new token back, so the caller hears what happened and the cluster keeps nothing unstored. Secrets Manager holds
 * its answer until the AWS SDK has given up on it; the budget is measured on a {@link ControlledClock}, so what is
 * left for the store and the delete after it does not shrink with the machine's load.
 */
@QuarkusTest
@TestProfile(CreateTokenBudgetTest.Profile.class)
@WithTestResource(SimulatedClusterResource.class)
@WithTestResource(PipelineAwsResource.class)
class CreateTokenBudgetTest {

    /**
     * A 12 s invocation (11 s budget): a create needs 1 s to connect, 3 s to read (the tests' default) and 2 s after,
     * half of which the store leaves for taking the token back.
     */
    public static class Profile extends Exports.Export {
        public Profile() {
            super("create-token", Map.of("dt.invocation-timeout", "12s", "dt.invocation-safety-margin", "1s",
                    "dt.connect-timeout", "1s", "create-token.aws-calls-time", "2s"));
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
        ControlledClock.installed();
    }

    @AfterEach
    void letHeldAnswersGo() {
        AnswerGate.openAll();
    }

    @Test
    void aSecretsManagerThatDoesNotAnswerIsGivenUpInTimeToDeleteTheNewTokenAgain() {
        secretsManager.stubFor(AnswerGate.closed().on(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(
                "secretsmanager.CreateSecret")).willReturn(aResponse().withStatus(200))));

        String error = invokeFailing("{\"name\":\"slow-store\",\"scopes\":[\"settings.read\"],\"delivery\":"
                + "\"secretsManager\",\"idempotencyKey\":\"slow-" + UUID.randomUUID() + "\"}");

        // The clock stands still, so the store was given exactly the 11 s left less the 1 s kept for the delete.
        assertThat(error).startsWith("TokenStorageFailedException: ").contains("could not be stored")
                .contains("ApiCallTimeoutException", "timeout configuration: 10000 millis").contains("deleted again");
        assertThat(secretsManager.findAll(postRequestedFor(urlEqualTo("/")))).isNotEmpty();
        assertThat(cluster.liveTokensNamed("slow-store")).isEmpty();
        assertThat(cluster.requests()).anyMatch(r -> r.method().equals("DELETE"));
    }
}
