package com.clustertokens.token;

import static com.clustertokens.testing.Lambda.invokeOk;
import static com.clustertokens.token.PipelineFixtures.JSON;
import static com.clustertokens.token.PipelineFixtures.acceptCreateSecret;
import static com.clustertokens.token.PipelineFixtures.batch;
import static com.clustertokens.token.PipelineFixtures.message;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.testing.AnswerGate;
import com.clustertokens.testing.ControlledClock;
import com.clustertokens.testing.Exports;
import com.clustertokens.testing.InjectSecretsManager;
import com.clustertokens.testing.InjectWireMock;
import com.clustertokens.testing.PipelineAwsResource;
import com.clustertokens.testing.WireMockClusterResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * An SQS batch that would outlast the invocation hands the messages it has not started back to SQS. The budget is
 * 59 s (a 60 s Lambda timeout less the 1 s margin) on a {@link ControlledClock}; a message is started only while the
 * 18 s it may need are left: DT_CONNECT_TIMEOUT 5 s + DT_READ_TIMEOUT 3 s + CREATE_TOKEN_AWS_CALLS_TIME 10 s.
 */
@QuarkusTest
@TestProfile(Exports.CreateTokenWithDeadline.class)
@WithTestResource(WireMockClusterResource.class)
@WithTestResource(PipelineAwsResource.class)
class SqsBatchDeadlineTest {

    private static final String TOKENS = "/api/cluster/v2/tokens";
    private static final String REQUEST = "{\"name\":\"batch-%s\",\"scopes\":[\"settings.read\"]}";

    @InjectWireMock
    WireMockServer cluster;

    @InjectSecretsManager
    WireMockServer secretsManager;

    private ControlledClock clock;

    @BeforeEach
    void reset() {
        cluster.resetAll();
        secretsManager.resetAll();
        acceptCreateSecret(secretsManager);
        clock = ControlledClock.installed();
    }

    @AfterEach
    void letHeldAnswersGo() {
        AnswerGate.openAll();
    }

    @Test
    void reportsTheMessagesItDidNotStartAsFailuresForSqsToDeliverAgain() throws Exception {
        // The first create is answered after 45 s: 14 s are left, less than a message needs (though more than the
        // cluster's 8 s alone).
        cluster.stubFor(AnswerGate.taking(Duration.ofSeconds(45), clock).on(created(post(urlEqualTo(TOKENS)), 1)));
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        String third = UUID.randomUUID().toString();

        JsonNode response = JSON.readTree(invokeOk(batch(message(first, REQUEST.formatted(1)),
                message(second, REQUEST.formatted(2)), message(third, REQUEST.formatted(3)))).extract().asString());

        assertThat(response).isEqualTo(JSON.readTree("{\"batchItemFailures\":[{\"itemIdentifier\":\"" + second
                + "\"},{\"itemIdentifier\":\"" + third + "\"}]}"));
        assertThat(cluster.findAll(postRequestedFor(urlEqualTo(TOKENS)))).hasSize(1);
    }

    @Test
    void startsAMessageWhileAllTheTimeItMayNeedIsLeft() throws Exception {
        // The first create takes 41 s, leaving exactly the 18 s the second needs; the second takes 1 s more.
        cluster.stubFor(AnswerGate.taking(Duration.ofSeconds(41), clock).on(created(post(urlEqualTo(TOKENS))
                .inScenario("batch").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("second"), 1)));
        cluster.stubFor(AnswerGate.taking(Duration.ofSeconds(1), clock).on(created(post(urlEqualTo(TOKENS))
                .inScenario("batch").whenScenarioStateIs("second").willSetStateTo("third"), 2)));
        String third = UUID.randomUUID().toString();

        JsonNode response = JSON.readTree(invokeOk(batch(message(UUID.randomUUID().toString(), REQUEST.formatted(1)),
                message(UUID.randomUUID().toString(), REQUEST.formatted(2)), message(third, REQUEST.formatted(3))))
                .extract().asString());

        assertThat(response).isEqualTo(JSON.readTree("{\"batchItemFailures\":[{\"itemIdentifier\":\"" + third
                + "\"}]}"));
        assertThat(cluster.findAll(postRequestedFor(urlEqualTo(TOKENS)))).hasSize(2);
    }

    /** {@code create} answered with a new token, the {@code n}th of the test. */
    private static MappingBuilder created(MappingBuilder create, int n) {
        String token = "dt0c01.DEADLINEBATCH" + UUID.randomUUID().toString().replace("-", "").substring(0, 10)
                .toUpperCase() + n + "." + "D".repeat(64);
        return create.willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"token\":\"" + token + "\"}"));
    }
}
