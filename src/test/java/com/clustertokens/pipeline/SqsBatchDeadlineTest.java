package com.clustertokens.pipeline;

import static com.clustertokens.pipeline.PipelineFixtures.JSON;
import static com.clustertokens.pipeline.PipelineFixtures.acceptCreateSecret;
import static com.clustertokens.pipeline.PipelineFixtures.batch;
import static com.clustertokens.pipeline.PipelineFixtures.message;
import static com.clustertokens.testing.Lambda.invokeOk;
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

    /** A 5 s Lambda timeout (4.8 s budget); a message may need 0.3 + 1.5 s on the cluster and 2 s on AWS calls. */
    public static class TightBudget extends Exports.Export {
        public TightBudget() {
            super("create-token", Map.of("dt.invocation-timeout", "5s", "dt.invocation-safety-margin", "200ms",
                    "dt.connect-timeout", "300ms", "dt.read-timeout", "1500ms",
                    "create-token.aws-calls-time", "2s"));
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
        // The first create takes 1.2 s: then about 3.6 s are left, enough for the cluster's 1.8 s but less than the
        // 3.8 s a message may need with its AWS calls.
        cluster.stubFor(post(urlEqualTo("/api/cluster/v2/tokens")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"token\":\"" + CREATED + "\"}")
                .withFixedDelay(1200)));
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        String third = UUID.randomUUID().toString();
        String request = "{\"name\":\"batch-%s\",\"scopes\":[\"settings.read\"]}";

        JsonNode response = JSON.readTree(invokeOk(batch(message(first, request.formatted(1)),
                message(second, request.formatted(2)), message(third, request.formatted(3)))).extract().asString());

        assertThat(response).isEqualTo(JSON.readTree("{\"batchItemFailures\":[{\"itemIdentifier\":\"" + second
                + "\"},{\"itemIdentifier\":\"" + third + "\"}]}"));
        assertThat(cluster.findAll(postRequestedFor(urlEqualTo("/api/cluster/v2/tokens")))).hasSize(1);
    }
}
