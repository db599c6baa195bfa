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

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

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

/** An SQS batch that would outlast the invocation hands the messages it has not started back to SQS. */
@QuarkusTest
@TestProfile(SqsBatchDeadlineTest.TightBudget.class)
@WithTestResource(WireMockClusterResource.class)
@WithTestResource(PipelineAwsResource.class)
class SqsBatchDeadlineTest {

    /** An 11 s Lambda timeout (10.8 s budget); a message may need 0.3 + 4 s on the cluster and 4 s on AWS calls. */
    public static class TightBudget extends Exports.Export {
        public TightBudget() {
            super("create-token", Map.of("dt.invocation-timeout", "11s", "dt.invocation-safety-margin", "200ms",
                    "dt.connect-timeout", "300ms", "dt.read-timeout", "4s", "create-token.aws-calls-time", "4s"));
        }
    }

    private static final String CREATED = "dt0c01.DEADLINEBATCHPUBLIC00000." + "D".repeat(64);

    @InjectWireMock
    WireMockServer cluster;

    @InjectSecretsManager
    WireMockServer secretsManager;

    @Test
    void reportsTheMessagesItDidNotStartAsFailuresForSqsToDeliverAgain() throws Exception {
        acceptCreateSecret(secretsManager);
        String request = "{\"name\":\"batch-%s\",\"scopes\":[\"settings.read\"]}";
        // A first invocation builds the AWS clients, so the timed batch's first message starts at once.
        cluster.stubFor(post(urlEqualTo("/api/cluster/v2/tokens")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"token\":\"" + CREATED + "\"}")));
        invokeOk(batch(message(UUID.randomUUID().toString(), request.formatted(0))));
        cluster.resetRequests();
        // The first message's create takes 2.5 s: then less than the 8.3 s a message may need with its AWS calls are
        // left, though more than the cluster's 4.3 s.
        cluster.stubFor(post(urlEqualTo("/api/cluster/v2/tokens")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"token\":\"" + CREATED + "\"}")
                .withFixedDelay(2500)));
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        String third = UUID.randomUUID().toString();

        JsonNode response = JSON.readTree(invokeOk(batch(message(first, request.formatted(1)),
                message(second, request.formatted(2)), message(third, request.formatted(3)))).extract().asString());

        assertThat(response).isEqualTo(JSON.readTree("{\"batchItemFailures\":[{\"itemIdentifier\":\"" + second
                + "\"},{\"itemIdentifier\":\"" + third + "\"}]}"));
        assertThat(cluster.findAll(postRequestedFor(urlEqualTo("/api/cluster/v2/tokens")))).hasSize(1);
    }
}
