package com.clustertokens.token;

import static com.clustertokens.testing.Lambda.invokeFailing;
import static com.clustertokens.testing.Lambda.invokeOk;
import static com.clustertokens.token.PipelineFixtures.JSON;
import static com.clustertokens.token.PipelineFixtures.batch;
import static com.clustertokens.token.PipelineFixtures.creates;
import static com.clustertokens.token.PipelineFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.simulator.SimulatedCluster.CreateFault;
import com.clustertokens.simulator.SimulatedToken;
import com.clustertokens.testing.Exports;
import com.clustertokens.testing.InjectSimulatedCluster;
import com.clustertokens.testing.PipelineAwsResource;
import com.clustertokens.testing.SimulatedClusterResource;
import com.clustertokens.testing.StatefulAwsResource;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Exactly one usable token per request, whatever fails: against the simulated cluster (with faults that apply a
 * create and then lose its answer), and moto serving DynamoDB and Secrets Manager. Each case ends by counting the live
 * tokens of the request's name in the cluster and reading the stored secret.
 */
@QuarkusTest
@TestProfile(Exports.CreateToken.class)
@WithTestResource(SimulatedClusterResource.class)
@WithTestResource(StatefulAwsResource.class)
class ExactlyOnceCreateTest {

    @InjectSimulatedCluster
    SimulatedCluster cluster;

    private final SecretsManagerClient secrets = StatefulAwsResource.secretsManager();

    @BeforeEach
    void freshCluster() {
        cluster.reset();
    }

    @ParameterizedTest
    @EnumSource(CreateFault.class)
    void aRedeliveryAfterALostAnswerLeavesExactlyOneTokenAndStoresItsSecret(CreateFault fault) throws Exception {
        String name = "lost-answer-" + fault;
        String messageId = UUID.randomUUID().toString();
        String event = batch(message(messageId, request(name)));
        cluster.failCreateAfterApplying(fault);

        JsonNode first = JSON.readTree(invokeOk(event).extract().asString());
        assertThat(first.get("batchItemFailures").get(0).get("itemIdentifier").asText()).isEqualTo(messageId);
        assertThat(cluster.liveTokensNamed(name)).as("the lost create took effect").hasSize(1);
        String orphanId = cluster.liveTokensNamed(name).get(0).id();

        JsonNode second = JSON.readTree(invokeOk(event).extract().asString());

        assertThat(second.get("batchItemFailures")).isEmpty();
        List<SimulatedToken> live = cluster.liveTokensNamed(name);
        assertThat(live).hasSize(1);
        assertThat(live.get(0).id()).as("the orphan was deleted, a new token made").isNotEqualTo(orphanId);
        assertThat(storedSecretOf(name, messageId).equals(live.get(0).secret())).as("stored secret is the live token's")
                .isTrue();
        assertThat(cluster.requests()).anyMatch(r -> r.method().equals("DELETE")
                && r.path().equals("/api/cluster/v2/tokens/" + orphanId));

        JsonNode third = JSON.readTree(invokeOk(event).extract().asString());
        assertThat(third.get("batchItemFailures")).as("a later repeat is a plain repeat").isEmpty();
        assertThat(cluster.liveTokensNamed(name)).hasSize(1);
    }

    @Test
    void aDirectRequestWhoseAnswerWasLostGetsOneTokenOnItsRetry() throws Exception {
        String request = "{\"name\":\"direct-lost\",\"scopes\":[\"settings.read\"],\"idempotencyKey\":\"direct-"
                + UUID.randomUUID() + "\"}";
        cluster.failCreateAfterApplying(CreateFault.GATEWAY_TIMEOUT);

        String error = invokeFailing(request);
        JsonNode retried = JSON.readTree(invokeOk(request).extract().asString());

        assertThat(error).startsWith("CreateOutcomeUnknownException: ").contains("answered 504")
                .contains("may have created token 'direct-lost'");
        List<SimulatedToken> live = cluster.liveTokensNamed("direct-lost");
        assertThat(live).hasSize(1);
        assertThat(live.get(0).secret().equals(retried.get("token").asText())).isTrue();
    }

    @Test
    void anOrphanThatCannotBeToldFromAnotherTokenFailsForGoodAndDeletesNothing() throws Exception {
        String name = "twin-" + UUID.randomUUID();
        String messageId = UUID.randomUUID().toString();
        String event = batch(message(messageId, request(name)));
        // Same name, scopes and owner, created in the same seconds: by a person using the function's API token.
        SimulatedToken twin = cluster.addToken(name, "admin", List.of("settings.read"), null);
        cluster.failCreateAfterApplying(CreateFault.CONNECTION_DROPPED);
        invokeOk(event);
        long createsBefore = creates(cluster);

        JsonNode second = JSON.readTree(invokeOk(event).extract().asString());
        JsonNode third = JSON.readTree(invokeOk(event).extract().asString());

        assertThat(second.get("batchItemFailures")).hasSize(1);
        assertThat(third.get("batchItemFailures")).hasSize(1);
        assertThat(creates(cluster)).as("nothing more was created").isEqualTo(createsBefore);
        assertThat(cluster.liveTokensNamed(name)).hasSize(2).anyMatch(t -> t.id().equals(twin.id()));
        assertThat(cluster.requests()).noneMatch(r -> r.method().equals("DELETE"));
        assertThat(status(messageId)).isEqualTo("UNRESOLVED");
    }

    @Test
    void anotherRequestsTokenOfTheSameNameIsNeverTakenForAnOrphan() throws Exception {
        String name = "shared-name-" + UUID.randomUUID();
        String other = UUID.randomUUID().toString();
        invokeOk(batch(message(other, request(name))));
        SimulatedToken othersToken = cluster.liveTokensNamed(name).get(0);
        String mine = UUID.randomUUID().toString();
        cluster.failCreateAfterApplying(CreateFault.GATEWAY_TIMEOUT);
        invokeOk(batch(message(mine, request(name))));

        JsonNode retried = JSON.readTree(invokeOk(batch(message(mine, request(name)))).extract().asString());

        assertThat(retried.get("batchItemFailures")).isEmpty();
        List<SimulatedToken> live = cluster.liveTokensNamed(name);
        assertThat(live).hasSize(2).anyMatch(t -> t.id().equals(othersToken.id()));
        assertThat(storedSecretOf(name, other).equals(othersToken.secret())).isTrue();
        SimulatedToken minesToken = live.stream().filter(t -> !t.id().equals(othersToken.id())).findFirst()
                .orElseThrow();
        assertThat(storedSecretOf(name, mine).equals(minesToken.secret())).isTrue();
    }

    @Test
    void aTakeoverOfACrashedAttemptDeletesItsTokenBeforeCreating() throws Exception {
        String name = "crashed-" + UUID.randomUUID();
        String messageId = UUID.randomUUID().toString();
        String event = batch(message(messageId, request(name)));
        cluster.failCreateAfterApplying(CreateFault.GATEWAY_TIMEOUT);
        invokeOk(event);
        // As if Lambda had stopped that invocation before it could record anything: the claim is left in progress
        // and its lock has expired.
        try (DynamoDbClient db = dynamoDb()) {
            db.updateItem(b -> b.tableName(PipelineAwsResource.TABLE).key(Map.of("idempotencyKey",
                    AttributeValue.fromS(messageId)))
                    .updateExpression("SET #s = :p, lockExpiresAt = :past REMOVE attemptFrom, attemptTo")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("IN_PROGRESS"), ":past",
                            AttributeValue.fromN(Long.toString(Instant.now().getEpochSecond() - 1)))));
        }

        JsonNode retried = JSON.readTree(invokeOk(event).extract().asString());

        assertThat(retried.get("batchItemFailures")).isEmpty();
        List<SimulatedToken> live = cluster.liveTokensNamed(name);
        assertThat(live).hasSize(1);
        assertThat(storedSecretOf(name, messageId).equals(live.get(0).secret())).isTrue();
    }

    @Test
    void aSecretNameHeldByAnotherRequestIsNeverReturnedAndLeavesNoToken() throws Exception {
        String name = "reused-key-" + UUID.randomUUID();
        String messageId = UUID.randomUUID().toString();
        // Last week's request under the same key stored its token; its idempotency record has since expired.
        invokeOk(batch(message(messageId, request(name))));
        String lastWeeks = storedSecretOf(name, messageId);
        try (DynamoDbClient db = dynamoDb()) {
            db.deleteItem(b -> b.tableName(PipelineAwsResource.TABLE).key(Map.of("idempotencyKey",
                    AttributeValue.fromS(messageId))));
        }
        String otherRequest = "{\"name\":\"" + name + "\",\"scopes\":[\"settings.write\"]}";

        JsonNode failed = JSON.readTree(invokeOk(batch(message(messageId, otherRequest))).extract().asString());

        assertThat(failed.get("batchItemFailures")).hasSize(1);
        assertThat(storedSecretOf(name, messageId)).as("the earlier secret is untouched").isEqualTo(lastWeeks);
        assertThat(cluster.liveTokensNamed(name)).as("the new token was deleted again").hasSize(1)
                .allMatch(t -> t.scopes().equals(List.of("settings.read")));
    }

    @Test
    void aSecretPendingDeletionFailsForGoodAndLeavesNoToken() throws Exception {
        String name = "pending-deletion-" + UUID.randomUUID();
        String messageId = UUID.randomUUID().toString();
        invokeOk(batch(message(messageId, request(name))));
        String arn = secrets.listSecrets().secretList().stream().filter(s -> s.name().contains(name)).findFirst()
                .orElseThrow().arn();
        secrets.deleteSecret(b -> b.secretId(arn).recoveryWindowInDays(7L));
        cluster.reset();
        try (DynamoDbClient db = dynamoDb()) {
            db.deleteItem(b -> b.tableName(PipelineAwsResource.TABLE).key(Map.of("idempotencyKey",
                    AttributeValue.fromS(messageId))));
        }

        String error = invokeFailing(request(name).replace("}", ",\"idempotencyKey\":\"" + messageId
                + "\",\"delivery\":\"secretsManager\"}"));

        assertThat(error).contains("scheduled for deletion").contains("deleted again").doesNotContain("retry the");
        assertThat(cluster.liveTokensNamed(name)).isEmpty();
    }

    private static String request(String name) {
        return "{\"name\":\"" + name + "\",\"scopes\":[\"settings.read\"]}";
    }

    private String storedSecretOf(String tokenName, String key) {
        String arn = secrets.listSecrets().secretList().stream().filter(s -> s.name().startsWith("cluster-tokens/")
                && s.name().contains(tokenName) && s.tags().stream().anyMatch(t -> t.value().equals(key)))
                .findFirst().orElseThrow().arn();
        return secrets.getSecretValue(b -> b.secretId(arn)).secretString();
    }

    private static DynamoDbClient dynamoDb() {
        return PipelineAwsResource.client(
                org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("aws.dynamodb.endpoint-url",
                        String.class));
    }

    private static String status(String key) {
        try (DynamoDbClient db = dynamoDb()) {
            return db.getItem(b -> b.tableName(PipelineAwsResource.TABLE).key(Map.of("idempotencyKey",
                    AttributeValue.fromS(key))).consistentRead(true)).item().get("status").s();
        }
    }
}
