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

    /** A 4 s Lambda timeout (3.8 s budget); a create may wait up to 0.3 + 1.5 s on the cluster, and 0.5 s after. */
    public static class TightBudget extends Exports.Export {
        public TightBudget() {
            super("create-token", Map.of("dt.invocation-timeout", "4s", "dt.invocation-safety-margin", "200ms",
                    "dt.connect-timeout", "300ms", "dt.read-timeout", "1500ms", "create-token.after-create-reserve",
                    "500ms"));
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
        // The first create takes 2 s: then less than the 2.3 s a create may need is left.
        cluster.stubFor(post(urlEqualTo("/api/cluster/v2/tokens")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"token\":\"" + CREATED + "\"}")
                .withFixedDelay(2000)));
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
