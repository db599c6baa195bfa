package com.clustertokens.token;

import static com.clustertokens.testing.Lambda.invokeFailing;
import static com.clustertokens.testing.Lambda.invokeOk;
import static com.clustertokens.token.PipelineFixtures.JSON;
import static com.clustertokens.token.PipelineFixtures.QUEUE_ARN;
import static com.clustertokens.token.PipelineFixtures.acceptCreateSecret;
import static com.clustertokens.token.PipelineFixtures.batch;
import static com.clustertokens.token.PipelineFixtures.createSecretRequests;
import static com.clustertokens.token.PipelineFixtures.creates;
import static com.clustertokens.token.PipelineFixtures.eventBridge;
import static com.clustertokens.token.PipelineFixtures.message;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.aws.AwsClients;
import com.clustertokens.error.RequestInProgressException;
import com.clustertokens.simulator.RecordedRequest;
import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.testing.EmfLines;
import com.clustertokens.testing.Exports;
import com.clustertokens.testing.Functions;
import com.clustertokens.testing.InjectSecretsManager;
import com.clustertokens.testing.InjectSimulatedCluster;
import com.clustertokens.testing.PipelineAwsResource;
import com.clustertokens.testing.SimulatedClusterResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * create-token from pipelines (SQS, EventBridge) and direct calls with idempotency keys, against the simulated
 * cluster, moto's DynamoDB and a Secrets Manager stand-in, all through the real AWS SDK.
 */
@QuarkusTest
@TestProfile(Exports.CreateToken.class)
@WithTestResource(SimulatedClusterResource.class)
@WithTestResource(PipelineAwsResource.class)
class CreateTokenPipelinesTest {

    private static final String REQUEST = "{\"name\":\"deploy-bot\",\"scopes\":[\"DiagnosticExport\"],"
            + "\"expiresIn\":{\"value\":24,\"unit\":\"HOURS\"}}";

    @InjectSimulatedCluster
    SimulatedCluster cluster;

    @InjectSecretsManager
    WireMockServer secretsManager;

    @Inject
    AwsClients aws;

    @Inject
    IdempotencyStore idempotency;

    @BeforeEach
    void reset() {
        cluster.reset();
        secretsManager.resetAll();
        acceptCreateSecret(secretsManager);
    }

    @Test
    void createsOneTokenWhenTheSameSqsMessageIsDeliveredTwice() throws Exception {
        String event = batch(message(UUID.randomUUID().toString(), REQUEST));

        JsonNode first = JSON.readTree(invokeOk(event).extract().asString());
        JsonNode second = JSON.readTree(invokeOk(event).extract().asString());

        assertThat(first.get("batchItemFailures")).isEmpty();
        assertThat(second.get("batchItemFailures")).isEmpty();
        assertThat(creates(cluster)).as("POST /api/cluster/v2/tokens").isEqualTo(1);
        assertThat(cluster.size()).as("the API token and the one created").isEqualTo(2);
        assertThat(createSecretRequests(secretsManager)).hasSize(1);
    }

    @Test
    void createsTheValidMessagesOfABatchAndReportsOnlyTheInvalidOnesAsFailed() throws Exception {
        String valid1 = UUID.randomUUID().toString();
        String badScope = UUID.randomUUID().toString();
        String notJson = UUID.randomUUID().toString();
        String valid2 = UUID.randomUUID().toString();
        String event = batch(message(valid1, REQUEST),
                message(badScope, "{\"name\":\"x\",\"scopes\":[\"Foo\"]}"),
                message(notJson, "name=x&scopes=DiagnosticExport"),
                message(valid2, REQUEST.replace("deploy-bot", "deploy-bot-2")));

        JsonNode response;
        String logs;
        try (PipelineFixtures.LogCapture capture = PipelineFixtures.LogCapture.start()) {
            response = JSON.readTree(invokeOk(event).extract().asString());
            logs = capture.text();
        }

        assertThat(response).isEqualTo(JSON.readTree("{\"batchItemFailures\":[{\"itemIdentifier\":\"" + badScope
                + "\"},{\"itemIdentifier\":\"" + notJson + "\"}]}"));
        List<String> created = cluster.requests().stream()
                .filter(r -> r.method().equals("POST") && r.path().equals("/api/cluster/v2/tokens"))
                .map(r -> readName(r)).toList();
        assertThat(created).containsExactly("deploy-bot", "deploy-bot-2");
        assertThat(logs).contains("SQS message " + badScope + " failed", "body.scopes[0]: 'Foo' is not a cluster "
                + "token scope", "SQS message " + notJson + " failed", "body: is not JSON");
    }

    @Test
    void storesThePipelinesTokenInSecretsManagerAndReturnsOnlyItsArnAndIdentifier() throws Exception {
        String messageId = UUID.randomUUID().toString();
        String event = batch(message(messageId, "{\"name\":\"nightly deploy #1\",\"scopes\":[\"settings.read\"]}"));

        String output;
        String logs;
        long before = Instant.now().getEpochSecond();
        try (PipelineFixtures.LogCapture capture = PipelineFixtures.LogCapture.start()) {
            output = invokeOk(event).extract().asString();
            logs = capture.text();
        }
        long after = Instant.now().getEpochSecond();

        LoggedRequest request = createSecretRequests(secretsManager).get(0);
        assertThat(request.getHeader("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential="
                + PipelineAwsResource.ACCESS_KEY + "/").contains("/eu-west-1/secretsmanager/aws4_request");
        JsonNode body = JSON.readTree(request.getBodyAsString());
        assertThat(body.get("Name").asText()).matches("cluster-tokens/created/nightly_deploy__1-[0-9a-f]{12}");
        String secret = body.get("SecretString").asText();
        assertThat(cluster.tokenBySecret(secret).isPresent()).as("the secret stored is the created token's").isTrue();
        String identifier = secret.substring(0, 31);
        Map<String, String> tags = new HashMap<>();
        body.get("Tags").forEach(tag -> tags.put(tag.get("Key").asText(), tag.get("Value").asText()));
        assertThat(tags.remove("cluster-tokens:request-fingerprint")).as("the request's fingerprint")
                .matches("[0-9a-f]{64}");
        assertThat(tags).containsExactlyInAnyOrderEntriesOf(Map.of("cluster-tokens:request-id", messageId,
                "cluster-tokens:requester", QUEUE_ARN, "cluster-tokens:token-identifier", identifier,
                "cluster-tokens:token-id", cluster.idOfSecret(secret).orElseThrow(), "cluster-tokens:cluster",
                "default"));
        assertThat(output.contains(secret)).as("the function's output holds the secret").isFalse();
        assertThat(logs.contains(secret)).as("the logs hold the secret").isFalse();
        assertThat(logs).contains("Stored token 'nightly deploy #1' (" + identifier + ") in secret arn:aws:"
                + "secretsmanager:eu-west-1:123456789012:secret:cluster-tokens/created/nightly_deploy__1-");

        Map<String, AttributeValue> record = aws.dynamoDb().getItem(b -> b.tableName(PipelineAwsResource.TABLE)
                .key(Map.of("idempotencyKey", AttributeValue.fromS(messageId)))).item();
        assertThat(record.get("status").s()).isEqualTo("COMPLETED");
        assertThat(record.get("identifier").s()).isEqualTo(identifier);
        assertThat(record.get("secretArn").s()).startsWith("arn:aws:secretsmanager:eu-west-1:123456789012:secret:"
                + body.get("Name").asText());
        long ttl = Long.parseLong(record.get("expiresAt").n());
        // Seven days from the invocation, however long it took: bracketed by the test's readings of the clock.
        assertThat(ttl).isBetween(before + 7 * 86_400L, after + 7 * 86_400L);
        assertThat(record.toString().contains(secret)).as("the idempotency record holds the secret").isFalse();
    }

    @Test
    void createsOnceForARepeatedEventBridgeEventAndStoresTheSecretTaggedWithItsSource() throws Exception {
        String event = eventBridge(UUID.randomUUID().toString(), REQUEST);

        JsonNode first = JSON.readTree(invokeOk(event).extract().asString());
        JsonNode repeat = JSON.readTree(invokeOk(event).extract().asString());

        assertThat(creates(cluster)).isEqualTo(1);
        assertThat(first.has("token")).isFalse();
        assertThat(first.get("identifier").asText()).matches("dt0c01\\.[A-Z0-9]{24}");
        assertThat(first.get("delivery").asText()).isEqualTo("secretsManager");
        assertThat(first.has("repeated")).isFalse();
        assertThat(repeat.get("repeated").asBoolean()).isTrue();
        assertThat(repeat.get("identifier")).isEqualTo(first.get("identifier"));
        assertThat(repeat.get("secretArn")).isEqualTo(first.get("secretArn"));
        assertThat(repeat.get("expires")).as("its expiry, from the idempotency record").isNotNull()
                .isEqualTo(first.get("expires"));
        JsonNode tags = JSON.readTree(createSecretRequests(secretsManager).get(0).getBodyAsString()).get("Tags");
        assertThat(tags.toString()).contains("{\"Key\":\"cluster-tokens:requester\",\"Value\":\"my.pipeline\"}");
    }

    @Test
    void refusesToReturnThePipelinesSecretAndNamesTheField() throws Exception {
        String message = invokeFailing(eventBridge(UUID.randomUUID().toString(),
                REQUEST.replace("}}", "},\"delivery\":\"return\"}")));

        assertThat(message).contains("InvalidInputException", "delivery: a token created from a pipeline");
        assertThat(cluster.requests()).isEmpty();
    }

    @Test
    void printsEachRequestsOutcomeAsOneMetricsLineMessageByMessageAndARefusedEventAsOne() throws Exception {
        String event = batch(message(UUID.randomUUID().toString(), REQUEST),
                message(UUID.randomUUID().toString(), "{\"name\":\"x\",\"scopes\":[\"Foo\"]}"));

        List<JsonNode> first = EmfLines.during(() -> invokeOk(event));
        List<JsonNode> again = EmfLines.during(() -> invokeOk(event));
        List<JsonNode> refused = EmfLines.during(() -> invokeFailing(eventBridge(UUID.randomUUID().toString(),
                REQUEST.replace("}}", "},\"delivery\":\"return\"}"))));

        assertThat(outcomes(first)).containsExactly("CreatedTokens", "RefusedRequests");
        assertThat(outcomes(again)).containsExactly("RepeatedRequests", "RefusedRequests");
        assertThat(outcomes(refused)).containsExactly("RefusedRequests");
        assertThat(first.get(0).at("/_aws/CloudWatchMetrics/0/Dimensions").toString()).isEqualTo("[[]]");
        assertThat(EmfLines.names(first.get(0))).containsExactly("CreatedTokens", "RepeatedRequests",
                "RefusedRequests", "TransientFailures", "UnknownOutcomes", "FailedRequests");
        assertThat(creates(cluster)).isEqualTo(1);
    }

    /** The metric each create-token line counts 1 on; every other of its metrics is 0. */
    private static List<String> outcomes(List<JsonNode> lines) {
        return EmfLines.in("ClusterTokenCreate", lines).stream().map(line -> {
            List<String> counted = EmfLines.names(line).stream().filter(name -> line.get(name).asLong() != 0)
                    .toList();
            assertThat(counted).hasSize(1);
            assertThat(line.get(counted.get(0)).asLong()).isEqualTo(1);
            return counted.get(0);
        }).toList();
    }

    @Test
    void returnsTheFirstResultWithoutTheSecretWhenADirectRequestIsRepeatedWithItsKey() throws Exception {
        String key = "release-42-" + UUID.randomUUID();
        String request = REQUEST.replace("}}", "},\"idempotencyKey\":\"" + key + "\"}");

        var first = invokeOk(request).extract();
        JsonNode repeat = JSON.readTree(invokeOk(request).extract().asString());

        String secret = first.path("token");
        assertThat(cluster.tokenBySecret(secret).isPresent()).isTrue();
        assertThat(repeat.has("token")).as("a repeat never carries the secret").isFalse();
        assertThat(repeat.get("identifier").asText()).isEqualTo(first.<String>path("identifier"));
        assertThat(repeat.get("repeated").asBoolean()).isTrue();
        assertThat(repeat.get("delivery").asText()).isEqualTo("return");
        assertThat(repeat.get("expires").asText()).isEqualTo(first.<String>path("expires"));
        assertThat(creates(cluster)).isEqualTo(1);
    }

    @Test
    void refusesAKeyReusedForADifferentRequest() {
        String key = "reuse-" + UUID.randomUUID();
        invokeOk(REQUEST.replace("}}", "},\"idempotencyKey\":\"" + key + "\",\"delivery\":\"secretsManager\"}"));

        String message = invokeFailing("{\"name\":\"other\",\"scopes\":[\"settings.read\"],\"idempotencyKey\":\""
                + key + "\",\"delivery\":\"secretsManager\"}");

        assertThat(message).contains("InvalidInputException", "idempotencyKey: '" + key
                + "' was already used for a different request (token 'deploy-bot')");
        assertThat(creates(cluster)).isEqualTo(1);
    }

    @Test
    void summarisesForChatWithIdentifierAndSecretArnAndStoresTheSecretByDefault() throws Exception {
        JsonNode result = JSON.readTree(invokeOk(REQUEST.replace("}}", "},\"format\":\"text\"}")).extract()
                .asString());

        String secret = JSON.readTree(createSecretRequests(secretsManager).get(0).getBodyAsString())
                .get("SecretString").asText();
        assertThat(result.has("token")).isFalse();
        assertThat(result.get("summary").asText()).isEqualTo("Created cluster token 'deploy-bot' ("
                + result.get("identifier").asText() + "), expiring " + result.get("expires").asText()
                + ". Its secret is in AWS Secrets Manager: "
                + result.get("secretArn").asText() + ".");
        assertThat(result.toString().contains(secret)).isFalse();
    }

    @Test
    void refusesTheTextFormatWithAReturnedSecret() {
        String message = invokeFailing(REQUEST.replace("}}", "},\"format\":\"text\",\"delivery\":\"return\"}"));

        assertThat(message).contains("delivery: format text is for chat channels");
        assertThat(cluster.requests()).isEmpty();
    }

    @Test
    void deletesTheNewTokenAgainWhenItsSecretCannotBeStoredAndLetsARetryCreateIt() throws Exception {
        secretsManager.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.CreateSecret"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"LimitExceededException\",\"Message\":\"too many secrets\"}")));
        String key = "store-fails-" + UUID.randomUUID();
        String request = REQUEST.replace("}}", "},\"idempotencyKey\":\"" + key + "\",\"delivery\":\"secretsManager\"}");

        String message = invokeFailing(request);

        assertThat(message).startsWith("TokenStorageFailedException: The cluster created token 'deploy-bot' (dt0c01.")
                .contains("its secret could not be stored: Secrets Manager refused to create secret "
                        + "cluster-tokens/created/deploy-bot-", "LimitExceededException (HTTP 400)",
                        "The token was deleted again");
        List<RecordedRequest> requests = cluster.requests();
        assertThat(requests).extracting(r -> r.method() + " " + r.path().replaceAll("/tokens/(?!lookup$)[^/]+$",
                "/tokens/{id}"))
                .containsExactly("POST /api/cluster/v2/tokens", "POST /api/cluster/v2/tokens/lookup",
                        "DELETE /api/cluster/v2/tokens/{id}");
        assertThat(cluster.size()).as("only the API token is left").isEqualTo(1);

        secretsManager.resetAll();
        acceptCreateSecret(secretsManager);
        JsonNode retried = JSON.readTree(invokeOk(request).extract().asString());
        assertThat(retried.has("repeated")).as("the failed attempt left no record behind").isFalse();
        assertThat(cluster.size()).isEqualTo(2);
    }

    @Test
    void neverReturnsTheSecretOfAnotherRequestWhenTheSecretNameIsTakenAndDeletesTheNewToken() throws Exception {
        String earlierArn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:cluster-tokens/deploy-bot-x-AbCdEf";
        secretsManager.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.CreateSecret"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"ResourceExistsException\",\"Message\":\"already exists\"}")));
        // Last week's request under the same key: its fingerprint is another's (here: none, as before fingerprints).
        secretsManager.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target",
                equalTo("secretsmanager.DescribeSecret")).willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"ARN\":\"" + earlierArn + "\",\"Name\":\"cluster-tokens/deploy-bot-x\",\"Tags\":"
                                + "[{\"Key\":\"cluster-tokens:token-identifier\",\"Value\":\"dt0c01.EARLIERATTEMPT0000000000\"}]}")));
        String request = REQUEST.replace("}}", "},\"idempotencyKey\":\"taken-" + UUID.randomUUID()
                + "\",\"delivery\":\"secretsManager\"}");

        String message = invokeFailing(request);

        assertThat(message).startsWith("TokenStorageFailedException: ").contains("belongs to a different request",
                "new idempotency key", "deleted again").doesNotContain(earlierArn, "EARLIERATTEMPT", "retry the");
        assertThat(cluster.requests()).extracting(RecordedRequest::method).containsExactly("POST", "POST", "DELETE");
        assertThat(cluster.size()).as("the new token was taken back").isEqualTo(1);
    }

    @Test
    void letsOnlyOneOfTwoConcurrentClaimsOfAKeyWin() throws Exception {
        String key = "concurrent-claim-" + UUID.randomUUID();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Object>> outcomes = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                outcomes.add(threads.submit(() -> {
                    start.await();
                    try {
                        return idempotency.claim(key, "same-request").claim();
                    } catch (RequestInProgressException e) {
                        return e;
                    }
                }));
            }
            start.countDown();
            List<Object> results = new ArrayList<>();
            for (Future<Object> outcome : outcomes) {
                results.add(outcome.get());
            }
            assertThat(results).filteredOn(r -> r instanceof IdempotencyStore.Claim).hasSize(1);
            assertThat(results).filteredOn(r -> r instanceof RequestInProgressException).hasSize(1);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void createsOneTokenForTwoConcurrentInvocationsWithTheSameKey() throws Exception {
        String key = "concurrent-create-" + UUID.randomUUID();
        String request = REQUEST.replace("}}", "},\"idempotencyKey\":\"" + key + "\",\"delivery\":\"secretsManager\"}");
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Functions.Result>> outcomes = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                outcomes.add(threads.submit(() -> {
                    start.await();
                    return Functions.invoke("create-token", request);
                }));
            }
            start.countDown();
            List<Functions.Result> results = new ArrayList<>();
            for (Future<Functions.Result> outcome : outcomes) {
                results.add(outcome.get());
            }

            assertThat(creates(cluster)).isEqualTo(1);
            assertThat(cluster.size()).isEqualTo(2);
            assertThat(createSecretRequests(secretsManager)).hasSize(1);
            // The loser either saw the claim (a clear transient error) or, if the winner had finished, its result.
            for (Functions.Result result : results) {
                assertThat(result.succeeded() || result.errorMessage().startsWith("RequestInProgressException: A "
                        + "request with idempotency key '" + key + "' is being processed")).as(result.toString())
                        .isTrue();
            }
            assertThat(results).filteredOn(Functions.Result::succeeded)
                    .filteredOn(r -> !r.json().contains("\"repeated\"")).hasSize(1);
        } finally {
            threads.shutdownNow();
        }
    }

    private static String readName(RecordedRequest request) {
        try {
            return JSON.readTree(request.body()).get("name").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
