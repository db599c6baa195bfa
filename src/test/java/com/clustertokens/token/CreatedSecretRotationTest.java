package com.clustertokens.token;

import static com.clustertokens.testing.Lambda.invokeOk;
import static com.clustertokens.token.PipelineFixtures.JSON;
import static com.clustertokens.token.PipelineFixtures.acceptCreateSecret;
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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * With CREATE_TOKEN_ROTATE_AFTER_DAYS above 0 (RotateCreatedTokensAfterDays), every secret create-token stores gets
 * rotate-secret as its rotation function, not rotated at once; a refusal costs the request nothing but a warning.
 */
@QuarkusTest
@TestProfile(CreatedSecretRotationTest.RotatingEveryThirtyDays.class)
@WithTestResource(SimulatedClusterResource.class)
@WithTestResource(PipelineAwsResource.class)
class CreatedSecretRotationTest {

    static final String FUNCTION = "arn:aws:lambda:eu-west-1:123456789012:function:cluster-tokens-rotate-secret:live";
    private static final String ROTATE_SECRET = "secretsmanager.RotateSecret";

    public static class RotatingEveryThirtyDays extends Exports.Export {
        public RotatingEveryThirtyDays() {
            super("create-token", Map.of("create-token.rotate-after-days", "30",
                    "create-token.rotation-function-arn", FUNCTION));
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
        acceptCreateSecret(secretsManager);
    }

    @Test
    void turnsOnRotationByRotateSecretEveryThirtyDaysForEachStoredSecret() throws Exception {
        secretsManager.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(ROTATE_SECRET))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{}")));

        JsonNode created = JSON.readTree(invokeOk(request()).extract().asString());

        String arn = created.get("secretArn").asText();
        // The SDK adds its own ClientRequestToken, the id of the version a rotation would make.
        assertThat(rotateSecretRequests()).singleElement().satisfies(r -> assertThat((JsonNode) ((ObjectNode) JSON
                .readTree(r.getBodyAsString())).without("ClientRequestToken")).isEqualTo(JSON.readTree(
                        "{\"SecretId\":\"" + arn
                                + "\",\"RotationLambdaARN\":\"" + FUNCTION + "\","
                                + "\"RotationRules\":{\"AutomaticallyAfterDays\":30},\"RotateImmediately\":false}")));
    }

    @Test
    void keepsTheStoredTokenAndWarnsWithTheCommandWhenRotationCannotBeTurnedOn() throws Exception {
        secretsManager.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(ROTATE_SECRET))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"AccessDeniedException\",\"message\":\"not allowed\"}")));

        try (PipelineFixtures.LogCapture logs = PipelineFixtures.LogCapture.start()) {
            JsonNode created = JSON.readTree(invokeOk(request()).extract().asString());

            String arn = created.get("secretArn").asText();
            assertThat(created.get("delivery").asText()).isEqualTo("secretsManager");
            assertThat(logs.text()).contains("Secret " + arn + " is stored but its rotation every 30 days is not "
                    + "turned on (AccessDeniedException (HTTP 400))", "aws secretsmanager rotate-secret --secret-id "
                            + arn, "AutomaticallyAfterDays=30 --no-rotate-immediately");
        }
        assertThat(cluster.liveTokensNamed("rotated-bot")).hasSize(1);
    }

    private static String request() {
        return "{\"name\":\"rotated-bot\",\"scopes\":[\"settings.read\"],\"delivery\":\"secretsManager\","
                + "\"idempotencyKey\":\"k-" + UUID.randomUUID() + "\"}";
    }

    private java.util.List<LoggedRequest> rotateSecretRequests() {
        return secretsManager.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target",
                equalTo(ROTATE_SECRET)));
    }
}
