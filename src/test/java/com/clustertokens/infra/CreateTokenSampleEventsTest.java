package com.clustertokens.infra;

import static com.clustertokens.testing.Lambda.invokeOk;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.clustertokens.simulator.RecordedRequest;
import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.testing.Exports;
import com.clustertokens.testing.InjectSecretsManager;
import com.clustertokens.testing.InjectSimulatedCluster;
import com.clustertokens.testing.PipelineAwsResource;
import com.clustertokens.testing.SimulatedClusterResource;
import com.clustertokens.testing.TestTokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The create-token samples in infra/events run as Lambda would deliver them, against the simulated cluster,
 * moto's DynamoDB (idempotency) and a Secrets Manager stand-in.
 */
@QuarkusTest
@TestProfile(Exports.CreateToken.class)
@WithTestResource(SimulatedClusterResource.class)
@WithTestResource(PipelineAwsResource.class)
class CreateTokenSampleEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectSimulatedCluster
    SimulatedCluster cluster;

    @InjectSecretsManager
    WireMockServer secretsManager;

    static Stream<Path> directSamples() {
        return SampleEvents.runnable("create-token", "direct");
    }

    static Stream<Path> sqsSamples() {
        return SampleEvents.runnable("create-token", "sqs");
    }

    static Stream<Path> eventBridgeSamples() {
        return SampleEvents.runnable("create-token", "eventbridge");
    }

    @BeforeEach
    void clearRecordedRequests() {
        cluster.clearRequests();
        secretsManager.resetAll();
        secretsManager.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.CreateSecret"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"ARN\":\"arn:aws:secretsmanager:eu-central-1:123456789012:secret:"
                                + "{{jsonPath request.body '$.Name'}}-AbCdEf\",\"Name\":\"{{jsonPath request.body '$.Name'}}\"}")
                        .withTransformers("response-template")));
    }

    @ParameterizedTest
    @MethodSource("directSamples")
    void createsTheTokenTheDirectSampleDescribes(Path sample) throws Exception {
        String event = SampleEvents.read(sample);

        var response = invokeOk(event).extract();

        List<RecordedRequest> requests = creates();
        assertThat(requests).hasSize(1);
        RecordedRequest request = requests.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/cluster/v2/tokens");
        assertThat(TestTokens.isApiTokenHeader(request.header("authorization").orElse(null))).isTrue();
        assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree(event));
        String secret = response.path("token");
        assertThat(cluster.tokenBySecret(secret).isPresent()).as("the cluster holds the returned token").isTrue();
        assertThat(response.<String>path("name")).isEqualTo(JSON.readTree(event).get("name").asText());
    }

    @ParameterizedTest
    @MethodSource("sqsSamples")
    void createsTheTokenOfEveryQueuedRequestAndReportsNoFailedItem(Path sample) throws Exception {
        JsonNode event = JSON.readTree(SampleEvents.read(sample));

        var response = invokeOk(event.toString()).extract();

        List<RecordedRequest> requests = creates();
        assertThat(requests).hasSize(event.get("Records").size());
        for (int i = 0; i < requests.size(); i++) {
            assertThat(requests.get(i).method()).isEqualTo("POST");
            assertThat(requests.get(i).path()).isEqualTo("/api/cluster/v2/tokens");
            assertThat(JSON.readTree(requests.get(i).body()))
                    .isEqualTo(JSON.readTree(event.get("Records").get(i).get("body").asText()));
        }
        assertThat(response.<List<Object>>path("batchItemFailures")).isEmpty();
        assertThat(storedSecrets()).hasSize(requests.size());

        invokeOk(event.toString());
        assertThat(creates()).as("a redelivered batch creates nothing").hasSize(requests.size());
    }

    @ParameterizedTest
    @MethodSource("eventBridgeSamples")
    void createsTheTokenTheEventBridgeSampleDescribesAndStoresItsSecret(Path sample) throws Exception {
        JsonNode event = JSON.readTree(SampleEvents.read(sample));

        var response = invokeOk(event.toString()).extract();

        List<RecordedRequest> requests = creates();
        assertThat(requests).hasSize(1);
        JsonNode sent = JSON.readTree(requests.get(0).body());
        assertThat(sent.get("name")).isEqualTo(event.get("detail").get("name"));
        assertThat(sent.get("scopes")).isEqualTo(event.get("detail").get("scopes"));
        assertThat(sent.has("requester")).as("only the API's fields reach the cluster").isFalse();
        assertThat(response.<String>path("token")).isNull();
        assertThat(response.<String>path("secretArn")).startsWith("arn:aws:secretsmanager:");
        JsonNode stored = JSON.readTree(storedSecrets().get(0).getBodyAsString());
        assertThat(cluster.tokenBySecret(stored.get("SecretString").asText()).isPresent()).isTrue();
        assertThat(stored.get("Tags").toString()).contains("\"Value\":\"" + event.get("id").asText() + "\"",
                "\"Value\":\"" + event.get("detail").get("requester").asText() + "\"");
    }

    private List<LoggedRequest> storedSecrets() {
        return secretsManager.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target",
                equalTo("secretsmanager.CreateSecret")));
    }

    /**
     * The creates the cluster received; each is followed by a lookup of the new token's id, which is recorded so a
     * reconciliation never takes the token for one of unknown origin.
     */
    private List<RecordedRequest> creates() {
        return cluster.requests().stream().filter(r -> r.method().equals("POST")
                && r.path().equals("/api/cluster/v2/tokens")).toList();
    }
}
