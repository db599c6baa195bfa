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

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.clustertokens.cluster.ClusterClients;
import com.clustertokens.cluster.ClusterTokenClient;
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

    @Inject
    ClusterClients clients;

    private ClusterTokenClient client;

    private final SecretsManagerClient secrets = StatefulAwsResource.secretsManager();

    @BeforeEach
    void freshCluster() {
        cluster.reset();
        client = clients.select(null);
    }

    @ParameterizedTest
    @EnumSource(CreateFault.class)
    void aRedeliveryAfterALostAnswerLeavesTheUnprovenTokenAloneAndStopsForGood(CreateFault fault) throws Exception {
        String name = "lost-answer-" + fault;
        String messageId = UUID.randomUUID().toString();
        String event = batch(message(messageId, request(name)));
        cluster.failCreateAfterApplying(fault);

        JsonNode first = JSON.readTree(invokeOk(event).extract().asString());
        assertThat(first.get("batchItemFailures").get(0).get("itemIdentifier").asText()).isEqualTo(messageId);
        assertThat(cluster.liveTokensNamed(name)).as("the lost create took effect").hasSize(1);
        String lostId = cluster.liveTokensNamed(name).get(0).id();
        long createsBefore = creates(cluster);

        JsonNode second = JSON.readTree(invokeOk(event).extract().asString());
        JsonNode third = JSON.readTree(invokeOk(event).extract().asString());

        // The lost answer carried the only proof of whose token it is: it may as well be someone's, so it stays.
        assertThat(second.get("batchItemFailures")).hasSize(1);
        assertThat(third.get("batchItemFailures")).as("every later delivery fails the same way").hasSize(1);
        assertThat(cluster.liveTokensNamed(name)).singleElement().matches(t -> t.id().equals(lostId));
        assertThat(cluster.requests()).noneMatch(r -> r.method().equals("DELETE"));
        assertThat(creates(cluster)).as("nothing more was created").isEqualTo(createsBefore);
        assertThat(status(messageId)).isEqualTo("UNRESOLVED");
        assertThat(recordMessage(messageId)).contains("id " + lostId, "recorded as no request's",
                "so none was deleted and nothing was created", "new idempotency key");
    }

    @Test
    void aDirectRequestWhoseAnswerWasLostIsToldWhichTokenToCheckAndNothingIsDeleted() throws Exception {
        String request = "{\"name\":\"direct-lost\",\"scopes\":[\"settings.read\"],\"idempotencyKey\":\"direct-"
                + UUID.randomUUID() + "\"}";
        cluster.failCreateAfterApplying(CreateFault.GATEWAY_TIMEOUT);

        String error = invokeFailing(request);
        String retried = invokeFailing(request);

        assertThat(error).startsWith("CreateOutcomeUnknownException: ").contains("answered 504")
                .contains("may have created token 'direct-lost'");
        SimulatedToken lost = cluster.liveTokensNamed("direct-lost").get(0);
        assertThat(retried).startsWith("CreateUnresolvedException: ").contains("token 'direct-lost'",
                "id " + lost.id(), "none was deleted", "list-tokens", "new idempotency key");
        assertThat(ids(cluster.liveTokensNamed("direct-lost"))).containsExactly(lost.id());
        assertThat(cluster.requests()).noneMatch(r -> r.method().equals("DELETE"));
    }

    @Test
    void aTokenSomeoneMadeByHandInTheWindowIsNeverDeletedAndTheRequestStopsForGood() throws Exception {
        String name = "twin-" + UUID.randomUUID();
        String messageId = UUID.randomUUID().toString();
        String event = batch(message(messageId, request(name)));
        cluster.failCreateAfterApplying(CreateFault.CONNECTION_DROPPED);
        invokeOk(event);
        // That attempt's create left nothing behind; in the same seconds a person made a token of that name and
        // scopes with the function's API token: nothing records it, just like the token a lost answer leaves.
        client.delete(cluster.liveTokensNamed(name).get(0).id());
        SimulatedToken twin = cluster.addToken(name, "admin", List.of("settings.read"), null);
        cluster.clearRequests();

        JsonNode second = JSON.readTree(invokeOk(event).extract().asString());
        JsonNode third = JSON.readTree(invokeOk(event).extract().asString());

        assertThat(second.get("batchItemFailures")).hasSize(1);
        assertThat(third.get("batchItemFailures")).hasSize(1);
        assertThat(creates(cluster)).as("nothing was created").isZero();
        assertThat(ids(cluster.liveTokensNamed(name))).containsExactly(twin.id());
        assertThat(cluster.requests()).noneMatch(r -> r.method().equals("DELETE"));
        assertThat(status(messageId)).isEqualTo("UNRESOLVED");
        assertThat(recordMessage(messageId)).contains("id " + twin.id(), "by hand");
    }

    @Test
    void aReconciliationThatCannotReachTheClusterLeavesTheEarlierAttemptForTheNextDeliveryToCheck() throws Exception {
        String name = "unreconciled-" + UUID.randomUUID();
        String messageId = UUID.randomUUID().toString();
        String event = batch(message(messageId, request(name)));
        cluster.failCreateAfterApplying(CreateFault.GATEWAY_TIMEOUT);
        invokeOk(event);
        String lostId = cluster.liveTokensNamed(name).get(0).id();
        JsonNode refused;
        String apiToken = cluster.apiToken();
        cluster.rotateApiToken();
        try {
            refused = JSON.readTree(invokeOk(event).extract().asString());
        } finally {
            cluster.rotateApiToken(apiToken);
        }

        JsonNode third = JSON.readTree(invokeOk(event).extract().asString());

        assertThat(refused.get("batchItemFailures")).as("the cluster refused the API token").hasSize(1);
        assertThat(third.get("batchItemFailures")).hasSize(1);
        assertThat(creates(cluster)).as("only the lost create").isEqualTo(1);
        assertThat(ids(cluster.liveTokensNamed(name))).containsExactly(lostId);
        assertThat(status(messageId)).isEqualTo("UNRESOLVED");
        assertThat(recordMessage(messageId)).contains("id " + lostId);
    }

    @Test
    void aDirectCreateOfTheSameNameInTheWindowIsNeverDeletedAndTheRequestThenCreatesItsOwn() throws Exception {
        String name = "same-window-" + UUID.randomUUID();
        String messageId = UUID.randomUUID().toString();
        String event = batch(message(messageId, request(name)));
        cluster.failCreateAfterApplying(CreateFault.GATEWAY_TIMEOUT);
        invokeOk(event);
        // That attempt's create is made to have left nothing behind, as when a proxy's 504 came before the cluster.
        client.delete(cluster.liveTokensNamed(name).get(0).id());
        JsonNode direct = JSON.readTree(invokeOk(request(name)).extract().asString());
        SimulatedToken someonesToken = cluster.liveTokensNamed(name).get(0);
        cluster.clearRequests();

        JsonNode redelivered = JSON.readTree(invokeOk(event).extract().asString());

        assertThat(someonesToken.secret().equals(direct.get("token").asText())).isTrue();
        assertThat(ownershipRecord(someonesToken.id())).as("a create without a key is recorded too")
                .containsKey("identifier").doesNotContainKey("requestKey");
        assertThat(redelivered.get("batchItemFailures")).isEmpty();
        assertThat(cluster.requests()).noneMatch(r -> r.method().equals("DELETE"));
        List<SimulatedToken> live = cluster.liveTokensNamed(name);
        assertThat(ids(live)).hasSize(2).contains(someonesToken.id());
        SimulatedToken requests = live.stream().filter(t -> !t.id().equals(someonesToken.id())).findFirst()
                .orElseThrow();
        assertThat(storedSecretOf(name, messageId).equals(requests.secret())).isTrue();
    }

    @Test
    void onlyTheUnprovenTokenIsNamedWhenTheWindowAlsoHoldsTokensOfOtherRequests() throws Exception {
        String name = "shared-name-" + UUID.randomUUID();
        String other = UUID.randomUUID().toString();
        invokeOk(batch(message(other, request(name))));
        SimulatedToken othersToken = cluster.liveTokensNamed(name).get(0);
        invokeOk(request(name));
        SimulatedToken directToken = cluster.liveTokensNamed(name).stream().filter(t -> !t.id().equals(othersToken
                .id())).findFirst().orElseThrow();
        String mine = UUID.randomUUID().toString();
        cluster.failCreateAfterApplying(CreateFault.GATEWAY_TIMEOUT);
        invokeOk(batch(message(mine, request(name))));
        SimulatedToken lost = cluster.liveTokensNamed(name).stream().filter(t -> !t.id().equals(othersToken.id())
                && !t.id().equals(directToken.id())).findFirst().orElseThrow();

        JsonNode retried = JSON.readTree(invokeOk(batch(message(mine, request(name)))).extract().asString());

        assertThat(retried.get("batchItemFailures")).hasSize(1);
        assertThat(recordMessage(mine)).contains("a token of that name", "id " + lost.id())
                .doesNotContain(othersToken.id()).doesNotContain(directToken.id());
        assertThat(ids(cluster.liveTokensNamed(name))).containsExactlyInAnyOrder(othersToken.id(), directToken.id(),
                lost.id());
        assertThat(cluster.requests()).noneMatch(r -> r.method().equals("DELETE"));
        assertThat(storedSecretOf(name, other).equals(othersToken.secret())).isTrue();
    }

    @Test
    void aTakeoverOfAnAttemptThatCrashedBeforeStoringItsRecordedTokenDeletesThatTokenBeforeCreating()
            throws Exception {
        String name = "crashed-" + UUID.randomUUID();
        String messageId = UUID.randomUUID().toString();
        String event = batch(message(messageId, request(name)));
        invokeOk(event);
        String crashedId = cluster.liveTokensNamed(name).get(0).id();
        // As if Lambda had stopped that invocation after it recorded its token's id, before the secret was stored
        // and the result recorded: no secret, and the claim left in progress with its lock expired.
        secrets.deleteSecret(b -> b.secretId(secretArnOf(name, messageId)).forceDeleteWithoutRecovery(true));
        try (DynamoDbClient db = dynamoDb()) {
            db.updateItem(b -> b.tableName(PipelineAwsResource.TABLE).key(Map.of("idempotencyKey",
                    AttributeValue.fromS(messageId)))
                    .updateExpression("SET #s = :p, lockExpiresAt = :past")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("IN_PROGRESS"), ":past",
                            AttributeValue.fromN(Long.toString(Instant.now().getEpochSecond() - 1)))));
        }

        JsonNode retried = JSON.readTree(invokeOk(event).extract().asString());

        assertThat(retried.get("batchItemFailures")).isEmpty();
        List<SimulatedToken> live = cluster.liveTokensNamed(name);
        assertThat(live).singleElement().matches(t -> !t.id().equals(crashedId), "a new token");
        assertThat(cluster.requests()).as("the token proven this request's is deleted").anyMatch(r -> r.method()
                .equals("DELETE") && r.path().equals("/api/cluster/v2/tokens/" + crashedId));
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
    void theSameRequestUnderAKeyWhoseRecordExpiredNeverOverwritesTheSecretOfTheLiveTokenItHolds() throws Exception {
        String name = "reused-same-" + UUID.randomUUID();
        String key = "weekly-" + UUID.randomUUID();
        String request = keyedForSecretsManager(name, key);
        invokeOk(request);
        SimulatedToken lastWeeks = cluster.liveTokensNamed(name).get(0);
        forgetRecord(key);
        cluster.clearRequests();

        String error = invokeFailing(request);

        assertThat(error).startsWith("TokenStorageFailedException: ").contains("id " + lastWeeks.id(),
                "still exists", "never overwritten", "new idempotency key", "deleted again")
                .doesNotContain("retry the");
        assertThat(storedSecretOf(name, key).equals(lastWeeks.secret())).as("the live token's secret is kept")
                .isTrue();
        assertThat(ids(cluster.liveTokensNamed(name))).containsExactly(lastWeeks.id());
        assertThat(cluster.requests()).as("the new token was deleted again").anyMatch(r -> r.method().equals(
                "DELETE")).noneMatch(r -> r.method().equals("DELETE") && r.path().endsWith("/" + lastWeeks.id()));
    }

    @Test
    void aSecretWhoseTokenIsGoneTakesTheNewTokenOfTheSameRequestUnderAnExpiredKey() throws Exception {
        String name = "reused-gone-" + UUID.randomUUID();
        String key = "weekly-" + UUID.randomUUID();
        String request = keyedForSecretsManager(name, key);
        JsonNode first = JSON.readTree(invokeOk(request).extract().asString());
        client.delete(cluster.liveTokensNamed(name).get(0).id());
        forgetRecord(key);

        JsonNode again = JSON.readTree(invokeOk(request).extract().asString());

        SimulatedToken now = cluster.liveTokensNamed(name).get(0);
        assertThat(cluster.liveTokensNamed(name)).hasSize(1);
        assertThat(again.get("secretArn").asText()).isEqualTo(first.get("secretArn").asText());
        assertThat(storedSecretOf(name, key).equals(now.secret())).isTrue();
        assertThat(secrets.describeSecret(b -> b.secretId(first.get("secretArn").asText())).tags())
                .anyMatch(t -> t.key().equals("cluster-tokens:token-id") && t.value().equals(now.id()));
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

    private static String keyedForSecretsManager(String name, String key) {
        return request(name).replace("}", ",\"idempotencyKey\":\"" + key + "\",\"delivery\":\"secretsManager\"}");
    }

    /** As if the request's record had expired: DynamoDB may delete it any time after its TTL. */
    private static void forgetRecord(String key) {
        try (DynamoDbClient db = dynamoDb()) {
            db.deleteItem(b -> b.tableName(PipelineAwsResource.TABLE).key(Map.of("idempotencyKey",
                    AttributeValue.fromS(key))));
        }
    }

    private static List<String> ids(List<SimulatedToken> tokens) {
        return tokens.stream().map(SimulatedToken::id).toList();
    }

    private static String request(String name) {
        return "{\"name\":\"" + name + "\",\"scopes\":[\"settings.read\"]}";
    }

    private String storedSecretOf(String tokenName, String key) {
        String arn = secretArnOf(tokenName, key);
        return secrets.getSecretValue(b -> b.secretId(arn)).secretString();
    }

    private String secretArnOf(String tokenName, String key) {
        return secrets.listSecrets().secretList().stream().filter(s -> s.name().startsWith("cluster-tokens/")
                && s.name().contains(tokenName) && s.tags().stream().anyMatch(t -> t.value().equals(key)))
                .findFirst().orElseThrow().arn();
    }

    private static DynamoDbClient dynamoDb() {
        return PipelineAwsResource.client(
                org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("aws.dynamodb.endpoint-url",
                        String.class));
    }

    private static String status(String key) {
        return record(key).get("status").s();
    }

    private static String recordMessage(String key) {
        return record(key).get("message").s();
    }

    private static Map<String, AttributeValue> ownershipRecord(String tokenId) {
        return record("token-id#" + tokenId);
    }

    private static Map<String, AttributeValue> record(String key) {
        try (DynamoDbClient db = dynamoDb()) {
            return db.getItem(b -> b.tableName(PipelineAwsResource.TABLE).key(Map.of("idempotencyKey",
                    AttributeValue.fromS(key))).consistentRead(true)).item();
        }
    }
}
