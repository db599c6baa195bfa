package com.clustertokens.token;

import static com.clustertokens.testing.Lambda.invokeOk;
import static com.clustertokens.token.PipelineFixtures.JSON;
import static com.clustertokens.token.PipelineFixtures.acceptCreateSecret;
import static com.clustertokens.token.PipelineFixtures.batch;
import static com.clustertokens.token.PipelineFixtures.createSecretRequests;
import static com.clustertokens.token.PipelineFixtures.message;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.testing.ControlledClock;
import com.clustertokens.testing.Exports;
import com.clustertokens.testing.InjectSecretsManager;
import com.clustertokens.testing.InjectWireMock;
import com.clustertokens.testing.PipelineAwsResource;
import com.clustertokens.testing.WireMockClusterResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A create the cluster refused (429: nothing was done) releases its idempotency key, so SQS's redelivery creates the
 * token. An answer that leaves the outcome open (a 5xx, a timeout) keeps the key instead: ExactlyOnceCreateTest.
 */
@QuarkusTest
@TestProfile(Exports.CreateTokenWithDeadline.class)
@WithTestResource(WireMockClusterResource.class)
@WithTestResource(PipelineAwsResource.class)
class ClusterRefusalReleasesKeyTest {

    private static final String CREATED = "dt0c01.RELEASEDKEYPUBLIC0000000." + "R".repeat(64);

    @InjectWireMock
    WireMockServer cluster;

    @InjectSecretsManager
    WireMockServer secretsManager;

    @BeforeEach
    void reset() {
        // The servers are shared with the other tests of the profile: start from an empty journal.
        cluster.resetAll();
        secretsManager.resetAll();
        ControlledClock.installed();
    }

    @Test
    void createsTheTokenWhenTheMessageReturnsAfterTheClusterRefusedForRateLimit() throws Exception {
        acceptCreateSecret(secretsManager);
        cluster.stubFor(post(urlEqualTo("/api/cluster/v2/tokens")).inScenario("create").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("recovered"));
        cluster.stubFor(post(urlEqualTo("/api/cluster/v2/tokens")).inScenario("create").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"token\":\"" + CREATED + "\"}")));
        String messageId = UUID.randomUUID().toString();
        String event = batch(message(messageId, "{\"name\":\"after-outage\",\"scopes\":[\"settings.read\"]}"));

        JsonNode failed = JSON.readTree(invokeOk(event).extract().asString());
        JsonNode retried = JSON.readTree(invokeOk(event).extract().asString());

        assertThat(failed).isEqualTo(JSON.readTree("{\"batchItemFailures\":[{\"itemIdentifier\":\"" + messageId
                + "\"}]}"));
        assertThat(retried.get("batchItemFailures")).isEmpty();
        assertThat(cluster.findAll(postRequestedFor(urlEqualTo("/api/cluster/v2/tokens")))).hasSize(2);
        JsonNode stored = JSON.readTree(createSecretRequests(secretsManager).get(0).getBodyAsString());
        assertThat(CREATED.equals(stored.get("SecretString").asText())).isTrue();
    }
}
