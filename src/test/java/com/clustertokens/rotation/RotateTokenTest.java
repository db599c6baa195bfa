package com.clustertokens.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.cluster.RegisteredCluster;
import com.clustertokens.remediation.Ledger;
import com.clustertokens.remediation.LedgerEntry;
import com.clustertokens.remediation.LedgerEntry.Status;
import com.clustertokens.remediation.RemediationClock;
import com.clustertokens.simulator.RecordedRequest;
import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.simulator.SimulatedCluster.CreateFault;
import com.clustertokens.simulator.SimulatedToken;
import com.clustertokens.testing.Functions;
import com.clustertokens.testing.InjectSimulatedCluster;
import com.clustertokens.testing.LeakedSecrets;
import com.clustertokens.testing.SimulatedClusterResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * rotate-token against the simulated cluster and moto (ledger, idempotency table, Secrets Manager, Scheduler): the
 * create the cluster receives, the secret and ledger entry it leaves, a repeat, a create whose answer was lost, each
 * refusal, and the follow-up function revoking the old token once the grace ends.
 */
@QuarkusTest
@TestProfile(RotationProfile.class)
@WithTestResource(SimulatedClusterResource.class)
@WithTestResource(RotationAwsResource.class)
class RotateTokenTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectSimulatedCluster
    SimulatedCluster cluster;

    @Inject
    Ledger ledger;

    private SimulatedToken old;

    @BeforeEach
    void seed() {
        cluster.reset();
        RotationAwsResource.clear();
        shiftClock(Duration.ZERO);
        Instant created = Instant.now().minus(Duration.ofDays(30));
        old = expiring(cluster.addToken("ci-deploy", "alice", List.of("settings.read", "DiagnosticExport"), Instant
                .now().minus(Duration.ofHours(1))), created, created.plus(Duration.ofDays(90)));
        cluster.clearRequests();
    }

    @AfterEach
    void realClock() {
        shiftClock(Duration.ZERO);
    }

    @Test
    void createsTheReplacementWithTheOldNameScopesAndLifetimeStoresItsSecretAndSupersedesTheOldOne()
            throws Exception {
        JsonNode answer = rotate("{\"token\":\"" + old.id() + "\",\"requester\":\"alice@example.com\"}");

        List<RecordedRequest> creates = creates();
        assertThat(creates).singleElement().satisfies(r -> {
            try {
                assertThat(JSON.readTree(r.body())).isEqualTo(JSON.readTree("{\"name\":\"ci-deploy\",\"scopes\":"
                        + "[\"settings.read\",\"DiagnosticExport\"],\"expiresIn\":{\"value\":90,\"unit\":\"DAYS\"}}"));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        SimulatedToken replacement = cluster.liveTokensNamed("ci-deploy").stream().filter(t -> !t.id().equals(old
                .id())).findFirst().orElseThrow();
        assertThat(answer.get("oldId").asText()).isEqualTo(old.id());
        assertThat(answer.get("newId").asText()).isEqualTo(replacement.id());
        assertThat(answer.get("identifier").asText()).isEqualTo(replacement.secret().substring(0, replacement
                .secret().lastIndexOf('.')));
        assertThat(answer.has("token")).as("the secret is stored, never answered").isFalse();
        assertThat(answer.toString()).doesNotContain(replacement.secret());
        assertThat(Duration.between(Instant.now(), Instant.parse(answer.get("revokeDue").asText())))
                .isBetween(Duration.ofDays(7).minusMinutes(5), Duration.ofDays(7));
        assertThat(answer.get("restore").asText()).contains(old.id());
        try (SecretsManagerClient secrets = RotationAwsResource.secretsManager()) {
            assertThat(secrets.getSecretValue(b -> b.secretId(answer.get("secretArn").asText())).secretString()
                    .equals(replacement.secret())).isTrue();
        }
        LedgerEntry entry = ledger.entry(RegisteredCluster.DEFAULT, old.id()).orElseThrow();
        assertThat(entry.status()).isEqualTo(Status.SUPERSEDED);
        assertThat(entry.rotation().supersededBy()).isEqualTo(replacement.id());
        assertThat(entry.rotation().requester()).isEqualTo("alice@example.com");
        assertThat(answer.get("schedule").asText()).startsWith("rotation-");
        assertThat(cluster.token(old.id()).orElseThrow().revoked()).isFalse();
        assertThat(cluster.requests()).noneMatch(r -> r.method().equals("PUT") || r.method().equals("DELETE"));
    }

    @Test
    void aRepeatReturnsTheFirstRotationAndCreatesNothing() throws Exception {
        JsonNode first = rotate("{\"token\":\"" + old.id() + "\"}");
        JsonNode again = rotate("{\"token\":\"" + old.id() + "\",\"idempotencyKey\":\"another-request\"}");

        assertThat(again.get("repeated").asBoolean()).isTrue();
        assertThat(again.get("newId")).isEqualTo(first.get("newId"));
        assertThat(again.get("revokeDue")).isEqualTo(first.get("revokeDue"));
        assertThat(creates()).hasSize(1);
    }

    @Test
    void aRedeliveryAfterTheLedgerWriteWasLostFinishesTheHandOffWithTheSameReplacement() throws Exception {
        JsonNode first = rotate("{\"token\":\"" + old.id() + "\"}");
        // As if the invocation had died right after the create: the ledger never heard of the rotation.
        try (DynamoDbClient dynamo = RotationAwsResource.dynamoDb()) {
            dynamo.deleteItem(b -> b.tableName(RotationAwsResource.LEDGER).key(Map.of("cluster", AttributeValue
                    .fromS(RegisteredCluster.DEFAULT), "tokenId", AttributeValue.fromS(old.id()))));
        }

        JsonNode redelivered = rotate("{\"token\":\"" + old.id() + "\"}");

        assertThat(creates()).as("one replacement").hasSize(1);
        assertThat(redelivered.get("newId")).isEqualTo(first.get("newId"));
        assertThat(redelivered.get("repeated").asBoolean()).isTrue();
        assertThat(ledger.entry(RegisteredCluster.DEFAULT, old.id()).orElseThrow().rotation().supersededBy())
                .isEqualTo(first.get("newId").asText());
    }

    @Test
    void aCreateLostToATimeoutAndRedeliveredMakesOneReplacementAndLeavesTheOldTokenAlone() {
        cluster.failCreateAfterApplying(CreateFault.GATEWAY_TIMEOUT);
        String request = "{\"token\":\"" + old.id() + "\"}";

        Functions.Result lost = Functions.invoke("rotate-token", request);
        Functions.Result redelivered = Functions.invoke("rotate-token", request);

        assertThat(lost.errorMessage()).startsWith("CreateOutcomeUnknownException: ");
        assertThat(redelivered.succeeded()).isFalse();
        assertThat(redelivered.errorMessage()).startsWith("CreateUnresolvedException: ");
        assertThat(creates()).as("no second create").hasSize(1);
        assertThat(cluster.liveTokensNamed("ci-deploy")).hasSize(2);
        assertThat(ledger.entry(RegisteredCluster.DEFAULT, old.id())).as("the old token was not handed on").isEmpty();
        assertThat(cluster.requests()).noneMatch(r -> r.method().equals("PUT") || r.method().equals("DELETE"));
    }

    @Test
    void refusesTheFunctionsOwnTokenTheClustersOwnARevokedOrExpiredOneAndASecretWithoutEchoingIt() {
        SimulatedToken mobile = cluster.addToken("Mobile", "admin", List.of("settings.read"), null);
        SimulatedToken revoked = cluster.add(cluster.addToken("gone", "bob", List.of("settings.read"), null)
                .withRevoked(true));
        Instant past = Instant.now().minus(Duration.ofDays(40));
        SimulatedToken expired = expiring(cluster.addToken("expired", "bob", List.of("settings.read"), null), past,
                past.plus(Duration.ofDays(30)));
        cluster.clearRequests();

        assertThat(refused(cluster.apiTokenId())).contains("RotationRefusedException", "API token this function");
        assertThat(refused(mobile.id())).contains("the cluster created it itself");
        assertThat(refused(revoked.id())).contains("it is revoked");
        assertThat(refused(expired.id())).contains("it expired at");
        String secret = refused(LeakedSecrets.NEW_FORMAT);
        assertThat(secret).contains("token: looks like a token secret").doesNotContain(LeakedSecrets.SECRET_PART
                .substring(0, LeakedSecrets.PIECE));
        assertThat(refused(old.id() + "\",\"grace\":\"P1Y")).contains("grace");
        assertThat(refused(old.id() + "\",\"grace\":\"P91D")).contains("grace: at most P90D");
        assertThat(creates()).isEmpty();
    }

    @Test
    void theFollowUpFunctionRevokesTheOldTokenOnceTheGraceEndsAndNotBefore() throws Exception {
        rotate("{\"token\":\"" + old.id() + "\",\"grace\":\"PT24H\"}");

        shiftClock(Duration.ofHours(23));
        JsonNode early = followUp("{\"token\":\"" + old.id() + "\"}");
        assertThat(early.get("actions")).isEmpty();
        assertThat(cluster.token(old.id()).orElseThrow().revoked()).isFalse();

        shiftClock(Duration.ofHours(25));
        JsonNode due = followUp("{\"token\":\"" + old.id() + "\"}");
        assertThat(due.get("actions").get(0).get("outcome").asText()).isEqualTo("done");
        assertThat(cluster.token(old.id()).orElseThrow().revoked()).isTrue();
        assertThat(cluster.requests()).filteredOn(r -> r.method().equals("PUT")).singleElement()
                .satisfies(r -> assertThat(r.body()).isEqualTo("{\"revoked\":true}"));
    }

    @Test
    void aSupersededEntryWithoutItsRotationIsRefusedByRotateTokenAndHeldByTheFollowUpWithNothingSent()
            throws Exception {
        assertThat(ledger.write(new LedgerEntry(RegisteredCluster.DEFAULT, old.id(), old.name(), old.userId(),
                LedgerEntry.Status.SUPERSEDED, null, null, null, null, null, null, null, null, List.of(), 1, null)))
                .isTrue();
        shiftClock(Duration.ofDays(30));

        assertThat(refused(old.id())).contains("RotationRefusedException", "holds no rotation record",
                "nothing was created");
        JsonNode followUp = followUp("{}");

        assertThat(followUp.get("actions")).isEmpty();
        assertThat(followUp.get("held")).singleElement().satisfies(h -> {
            assertThat(h.get("id").asText()).isEqualTo(old.id());
            assertThat(h.get("why").asText()).startsWith("superseded, but its ledger entry lacks its rotation record");
        });
        assertThat(creates()).isEmpty();
        assertThat(cluster.requests()).noneMatch(r -> r.method().equals("PUT") || r.method().equals("DELETE"));
        assertThat(ledger.entry(RegisteredCluster.DEFAULT, old.id()).orElseThrow().version()).isEqualTo(1);
    }

    private SimulatedToken expiring(SimulatedToken t, Instant created, Instant expires) {
        return cluster.add(new SimulatedToken(t.id(), t.name(), null, t.userId(), t.scopes(), created, expires,
                t.lastUse(), false, false, t.secret()));
    }

    private JsonNode rotate(String request) throws Exception {
        Functions.Result result = Functions.invoke("rotate-token", request);
        assertThat(result.succeeded()).as(result.toString()).isTrue();
        return JSON.readTree(result.json());
    }

    private JsonNode followUp(String request) throws Exception {
        Functions.Result result = Functions.invoke("rotation-follow-up", request);
        assertThat(result.succeeded()).as(result.toString()).isTrue();
        return JSON.readTree(result.json());
    }

    private String refused(String token) {
        Functions.Result result = Functions.invoke("rotate-token", "{\"token\":\"" + token + "\"}");
        assertThat(result.succeeded()).isFalse();
        return result.errorMessage();
    }

    private List<RecordedRequest> creates() {
        return cluster.requests().stream().filter(r -> r.method().equals("POST") && r.path().equals(
                "/api/cluster/v2/tokens")).toList();
    }

    private static void shiftClock(Duration ahead) {
        QuarkusMock.installMockForType(new RemediationClock() {
            @Override
            public Instant now() {
                return Instant.now().plus(ahead);
            }
        }, RemediationClock.class);
    }
}
