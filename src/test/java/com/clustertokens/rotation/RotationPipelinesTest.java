package com.clustertokens.rotation;

import static com.clustertokens.testing.Lambda.invokeFailing;
import static com.clustertokens.testing.Lambda.invokeOk;
import static com.clustertokens.token.PipelineFixtures.JSON;
import static com.clustertokens.token.PipelineFixtures.batch;
import static com.clustertokens.token.PipelineFixtures.eventBridge;
import static com.clustertokens.token.PipelineFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.simulator.RecordedRequest;
import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.simulator.SimulatedToken;
import com.clustertokens.testing.InjectSimulatedCluster;
import com.clustertokens.testing.SimulatedClusterResource;
import com.clustertokens.token.PipelineFixtures;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * rotate-token from pipelines, through the Lambda event path: an EventBridge event with the request in its detail
 * and an SQS batch, against the simulated cluster and moto.
 */
@QuarkusTest
@TestProfile(RotationProfile.class)
@WithTestResource(SimulatedClusterResource.class)
@WithTestResource(RotationAwsResource.class)
class RotationPipelinesTest {

    @InjectSimulatedCluster
    SimulatedCluster cluster;

    private SimulatedToken old;

    @BeforeEach
    void seed() {
        cluster.reset();
        RotationAwsResource.clear();
        Instant created = Instant.now().minus(Duration.ofDays(30));
        SimulatedToken t = cluster.addToken("ci-deploy", "alice", List.of("settings.read", "DiagnosticExport"),
                null);
        old = cluster.add(new SimulatedToken(t.id(), t.name(), null, t.userId(), t.scopes(), created, created.plus(
                Duration.ofDays(90)), t.lastUse(), false, false, t.secret()));
        cluster.clearRequests();
    }

    @Test
    void rotatesFromAnEventBridgeEventStoringTheReplacementAndCreatingItWithTheOldNameAndScopes()
            throws Exception {
        JsonNode answer = JSON.readTree(invokeOk(eventBridge(UUID.randomUUID().toString(), "RotateClusterToken",
                "{\"token\":\"" + old.id() + "\"}")).extract().asString());

        assertThat(creates()).singleElement().satisfies(r -> assertThat(JSON.readTree(r.body())).isEqualTo(JSON
                .readTree("{\"name\":\"ci-deploy\",\"scopes\":[\"settings.read\",\"DiagnosticExport\"],"
                        + "\"expiresIn\":{\"value\":90,\"unit\":\"DAYS\"}}")));
        SimulatedToken replacement = cluster.liveTokensNamed("ci-deploy").stream().filter(t -> !t.id().equals(old
                .id())).findFirst().orElseThrow();
        assertThat(answer.get("oldId").asText()).isEqualTo(old.id());
        assertThat(answer.get("newId").asText()).isEqualTo(replacement.id());
        assertThat(answer.has("token")).as("a pipeline's replacement is stored, never answered").isFalse();
        assertThat(answer.toString()).doesNotContain(replacement.secret());
        assertThat(answer.get("secretArn").asText()).startsWith("arn:aws:secretsmanager:");
        assertThat(cluster.token(old.id()).orElseThrow().revoked()).isFalse();
        assertThat(cluster.requests()).noneMatch(r -> r.method().equals("PUT") || r.method().equals("DELETE"));
    }

    @Test
    void theSameEventDeliveredAgainCreatesNoSecondToken() throws Exception {
        String event = eventBridge(UUID.randomUUID().toString(), "RotateClusterToken", "{\"token\":\"" + old.id()
                + "\"}");

        JsonNode first = JSON.readTree(invokeOk(event).extract().asString());
        JsonNode again = JSON.readTree(invokeOk(event).extract().asString());

        assertThat(creates()).as("one replacement").hasSize(1);
        assertThat(first.has("repeated")).isFalse();
        assertThat(again.get("repeated").asBoolean()).isTrue();
        assertThat(again.get("newId")).isEqualTo(first.get("newId"));
        assertThat(again.get("revokeDue")).isEqualTo(first.get("revokeDue"));
    }

    @Test
    void refusesAPipelinesDeliveryReturnNamingTheFieldBeforeAnyRequestReachesTheCluster() throws Exception {
        String message = invokeFailing(eventBridge(UUID.randomUUID().toString(), "RotateClusterToken",
                "{\"token\":\"" + old.id() + "\",\"delivery\":\"return\"}"));

        assertThat(message).contains("InvalidInputException", "delivery: a replacement rotated from a pipeline");
        assertThat(invokeFailing(eventBridge(UUID.randomUUID().toString(), "RotateClusterToken", "{\"token\":\""
                + old.id() + "\",\"colour\":\"red\"}"))).as("a malformed detail's field named under detail")
                .contains("detail.colour");
        assertThat(cluster.requests()).isEmpty();
    }

    @Test
    void rotatesTheGoodMessageOfAnSqsBatchAndReportsOnlyTheBadOneAsFailed() throws Exception {
        String good = UUID.randomUUID().toString();
        String bad = UUID.randomUUID().toString();

        JsonNode response;
        String logs;
        try (PipelineFixtures.LogCapture capture = PipelineFixtures.LogCapture.start()) {
            response = JSON.readTree(invokeOk(batch(message(good, "{\"token\":\"" + old.id() + "\"}"),
                    message(bad, "{\"token\":\"" + old.id() + "\",\"colour\":\"red\"}"))).extract().asString());
            logs = capture.text();
        }

        assertThat(response).isEqualTo(JSON.readTree("{\"batchItemFailures\":[{\"itemIdentifier\":\"" + bad
                + "\"}]}"));
        assertThat(logs).contains("SQS message " + bad + " failed", "body.colour");
        assertThat(creates()).as("the good message's replacement only").hasSize(1);
        assertThat(cluster.liveTokensNamed("ci-deploy")).hasSize(2);
    }

    @Test
    void theSameSqsMessageDeliveredAgainCreatesNoSecondToken() throws Exception {
        String event = batch(message(UUID.randomUUID().toString(), "{\"token\":\"" + old.id() + "\"}"));

        JsonNode first = JSON.readTree(invokeOk(event).extract().asString());
        JsonNode again = JSON.readTree(invokeOk(event).extract().asString());

        assertThat(first.get("batchItemFailures")).isEmpty();
        assertThat(again.get("batchItemFailures")).isEmpty();
        assertThat(creates()).as("one replacement").hasSize(1);
        assertThat(cluster.liveTokensNamed("ci-deploy")).hasSize(2);
    }

    private List<RecordedRequest> creates() {
        return cluster.requests().stream().filter(r -> r.method().equals("POST") && r.path().equals(
                "/api/cluster/v2/tokens")).toList();
    }
}
