package com.clustertokens.rotation;

import static com.clustertokens.testing.Lambda.invokeFailing;
import static com.clustertokens.testing.Lambda.invokeOk;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.cluster.ClusterClients;
import com.clustertokens.cluster.ExpiresIn;
import com.clustertokens.cluster.RegisteredCluster;
import com.clustertokens.cluster.TokenScope;
import com.clustertokens.remediation.Ledger;
import com.clustertokens.remediation.LedgerEntry;
import com.clustertokens.remediation.LedgerEntry.Status;
import com.clustertokens.simulator.RecordedRequest;
import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.simulator.SimulatedToken;
import com.clustertokens.testing.ConsoleCapture;
import com.clustertokens.testing.InjectSimulatedCluster;
import com.clustertokens.testing.SimulatedClusterResource;
import com.clustertokens.token.CreateTokenRequest;
import com.clustertokens.token.Delivery;
import com.clustertokens.token.Origin;
import com.clustertokens.token.TokenService;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * rotate-secret as Secrets Manager calls it, step by step and each step twice, on a secret create-token stored:
 * against the simulated cluster, and moto serving Secrets Manager (versions, staging labels, tags) and the
 * idempotency table, the ledger and EventBridge Scheduler; each rotation starts as {@link SecretRotations#start}
 * leaves it.
 */
@QuarkusTest
@TestProfile(SecretRotations.RotateSecret.class)
@WithTestResource(SimulatedClusterResource.class)
@WithTestResource(RotationAwsResource.class)
class SecretRotationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectSimulatedCluster
    SimulatedCluster cluster;

    @Inject
    TokenService tokens;

    @Inject
    ClusterClients clients;

    @Inject
    Ledger ledger;

    private final SecretsManagerClient secrets = RotationAwsResource.secretsManager();
    private ConsoleCapture console;

    @BeforeEach
    void freshCluster() {
        cluster.reset();
        RotationAwsResource.clear();
        console = ConsoleCapture.start();
    }

    @AfterEach
    void stopCapture() {
        console.close();
    }

    @Test
    void everyStepTwiceMakesOneReplacementWithTheOldNameScopesAndLifetimeAndMovesAwsCurrentToIt() throws Exception {
        String name = "ci-deploy-" + UUID.randomUUID();
        String arn = createdSecret(name, new ExpiresIn(30L, ExpiresIn.Unit.DAYS));
        String oldValue = current(arn);
        String oldVersion = versionLabelled(arn, "AWSCURRENT");
        String version = start(arn);
        cluster.clearRequests();

        String created = invokeOk(event("createSecret", arn, version)).extract().asString();
        invokeOk(event("createSecret", arn, version));

        List<SimulatedToken> live = cluster.liveTokensNamed(name);
        assertThat(live).as("one replacement, however often the step runs").hasSize(2);
        List<RecordedRequest> creates = cluster.requests().stream()
                .filter(r -> r.method().equals("POST") && r.path().endsWith("/tokens")).toList();
        assertThat(creates).singleElement().satisfies(r -> assertThat(JSON.readTree(r.body())).isEqualTo(JSON
                .readTree("{\"name\":\"" + name + "\",\"scopes\":[\"settings.read\"],"
                        + "\"expiresIn\":{\"value\":30,\"unit\":\"DAYS\"}}")));
        String pending = pending(arn, version);
        SimulatedToken replacement = cluster.tokenBySecret(pending).orElseThrow();
        assertThat(replacement.scopes()).containsExactly("settings.read");
        assertThat(current(arn)).as("readers still get the old token").isEqualTo(oldValue);
        assertThat(JSON.readTree(created).get("outcome").asText()).contains("stored replacement "
                + replacement.secretIdentifier(), "as AWSPENDING");

        invokeOk(event("setSecret", arn, version));
        invokeOk(event("setSecret", arn, version));
        cluster.clearRequests();
        String tested = invokeOk(event("testSecret", arn, version)).extract().asString();
        invokeOk(event("testSecret", arn, version));
        assertThat(cluster.requests()).as("testSecret proves the replacement by its lookup")
                .anyMatch(r -> r.method().equals("POST") && r.path().endsWith("/tokens/lookup")
                        && r.body().contains(pending))
                .noneMatch(r -> r.method().equals("DELETE") || r.method().equals("PUT"));
        assertThat(JSON.readTree(tested).get("outcome").asText()).contains("is live, not revoked");

        String finished = invokeOk(event("finishSecret", arn, version)).extract().asString();
        String again = invokeOk(event("finishSecret", arn, version)).extract().asString();

        assertThat(stages(arn)).containsEntry(version, List.of("AWSCURRENT")).containsEntry(oldVersion,
                List.of("AWSPREVIOUS"));
        assertThat(current(arn)).as("readers of AWSCURRENT now get the replacement").isEqualTo(pending);
        assertThat(tags(arn)).containsEntry("cluster-tokens:token-id", replacement.id())
                .containsEntry("cluster-tokens:token-identifier", replacement.secretIdentifier());
        SimulatedToken old = cluster.tokenBySecret(oldValue).orElseThrow();
        LedgerEntry superseded = ledger.entry(RegisteredCluster.DEFAULT, old.id()).orElseThrow();
        assertThat(superseded.status()).as("the old token handed to the follow-up").isEqualTo(Status.SUPERSEDED);
        assertThat(superseded.rotation().supersededBy()).isEqualTo(replacement.id());
        assertThat(superseded.rotation().requester()).isEqualTo(SecretRotationService.REQUESTER);
        assertThat(Duration.between(Instant.now(), superseded.rotation().revokeDue())).as("ROTATION_GRACE, P7D")
                .isBetween(Duration.ofDays(7).minusMinutes(5), Duration.ofDays(7));
        try (SchedulerClient scheduler = RotationAwsResource.scheduler()) {
            assertThat(scheduler.listSchedules(b -> b.groupName(RotationAwsResource.GROUP)).schedules())
                    .as("one follow-up, however often finishSecret runs").hasSize(1);
        }
        assertThat(JSON.readTree(finished).get("outcome").asText()).contains("moved AWSCURRENT to replacement "
                + replacement.secretIdentifier(), "earlier token " + old.secretIdentifier() + " (id " + old.id()
                        + ") is superseded: revoked at " + superseded.rotation().revokeDue());
        assertThat(JSON.readTree(again).get("outcome").asText()).contains("already AWSCURRENT", "is superseded");
        assertThat(cluster.liveTokensNamed(name)).as("the old token stays valid until its grace ends").hasSize(2);
        assertNoSecretLogged(oldValue, pending);
        for (String answer : List.of(created, tested, finished, again)) {
            assertThat(answer).doesNotContain(secretPart(pending)).doesNotContain(secretPart(oldValue));
        }
    }

    @Test
    void aCreateWhoseSecretNeverReachedTheVersionFailsForGoodNamingTheReplacementAndFreesAwsPending()
            throws Exception {
        String name = "lost-store-" + UUID.randomUUID();
        String arn = createdSecret(name, null);
        String oldValue = current(arn);
        String version = start(arn);
        // An earlier attempt of the step created the replacement under the step's key, and ended before the store.
        tokens.create(new CreateTokenRequest(null, name, List.of(TokenScope.SETTINGS_READ), null, "secret-rotation:"
                + version, SecretRotationService.REQUESTER, Delivery.RETURN, null), Origin.direct());
        SimulatedToken lost = cluster.liveTokensNamed(name).stream().filter(t -> !t.secret().equals(oldValue))
                .findFirst().orElseThrow();
        cluster.clearRequests();

        String error = invokeFailing(event("createSecret", arn, version));

        assertThat(error).startsWith("SecretRotationFailedException: createSecret: an earlier attempt of this step "
                + "created replacement " + lost.secretIdentifier()).contains("AWSPENDING was removed",
                        "rotate again", "delete " + lost.secretIdentifier());
        assertThat(cluster.requests()).noneMatch(r -> r.method().equals("POST") && r.path().endsWith("/tokens"));
        assertThat(stages(arn).get(version)).isEmpty();
        assertThat(current(arn)).isEqualTo(oldValue);
        assertNoSecretLogged(oldValue, lost.secret());
    }

    @Test
    void aReplacementThatFailsItsTestIsDeletedAndAwsCurrentKeepsTheOldToken() throws Exception {
        String name = "failing-test-" + UUID.randomUUID();
        String arn = createdSecret(name, null);
        String oldValue = current(arn);
        String version = start(arn);
        invokeOk(event("createSecret", arn, version));
        String pending = pending(arn, version);
        SimulatedToken replacement = cluster.tokenBySecret(pending).orElseThrow();
        // Someone revokes the replacement before the test: it can never become current.
        cluster.add(replacement.withRevoked(true));
        cluster.clearRequests();

        String error = invokeFailing(event("testSecret", arn, version));

        assertThat(error).startsWith("SecretRotationFailedException: testSecret: replacement "
                + replacement.secretIdentifier() + " is revoked").contains("deleted it",
                        "removed AWSPENDING from version " + version, "is unchanged");
        assertThat(cluster.token(replacement.id())).as("the replacement is deleted").isEmpty();
        assertThat(cluster.requests()).anyMatch(r -> r.method().equals("DELETE") && r.path().endsWith("/tokens/"
                + replacement.id()));
        assertThat(current(arn)).isEqualTo(oldValue);
        assertThat(stages(arn).get(version)).as("AWSPENDING freed for the next rotation").isEmpty();
        assertThat(cluster.tokenBySecret(oldValue)).get().matches(t -> !t.revoked());
        assertThat(ledger.entry(RegisteredCluster.DEFAULT, cluster.tokenBySecret(oldValue).orElseThrow().id()))
                .as("nothing handed to the follow-up").isEmpty();
        assertNoSecretLogged(oldValue, pending);
    }

    @Test
    void aPendingTokenThisRotationDidNotMakeIsNeverDeletedWhenItFailsItsTest() throws Exception {
        String name = "hand-put-" + UUID.randomUUID();
        String arn = createdSecret(name, null);
        String oldValue = current(arn);
        String version = start(arn);
        // Someone put a token of their own as AWSPENDING: its scopes differ, so the test fails; it is not ours.
        SimulatedToken theirs = cluster.addToken(name, "someone", List.of("metrics.read"), null);
        secrets.putSecretValue(b -> b.secretId(arn).clientRequestToken(version).secretString(theirs.secret())
                .versionStages("AWSPENDING"));
        cluster.clearRequests();

        String error = invokeFailing(event("testSecret", arn, version));

        assertThat(error).startsWith("SecretRotationFailedException: testSecret: replacement "
                + theirs.secretIdentifier()).contains("it was not deleted", "not proven this rotation's token",
                        "removed AWSPENDING from version " + version, "is unchanged");
        assertThat(cluster.requests()).noneMatch(r -> r.method().equals("DELETE") || r.method().equals("PUT"));
        assertThat(cluster.token(theirs.id())).as("their token stays").get().matches(t -> !t.revoked());
        assertThat(current(arn)).isEqualTo(oldValue);
        assertThat(stages(arn).get(version)).as("AWSPENDING freed for the next rotation").isEmpty();
        assertNoSecretLogged(oldValue, theirs.secret());
    }

    @Test
    void theSetupCheckOnACopyOfAwsCurrentPassesAndNeverDeletesTheCurrentToken() throws Exception {
        String arn = createdSecret("setup-check-" + UUID.randomUUID(), null);
        String oldValue = current(arn);
        String version = start(arn);
        // RotateSecret with RotateImmediately false: the pending version holds the current value, then testSecret.
        secrets.putSecretValue(b -> b.secretId(arn).clientRequestToken(version).secretString(oldValue)
                .versionStages("AWSPENDING"));
        cluster.clearRequests();

        String tested = invokeOk(event("testSecret", arn, version)).extract().asString();

        assertThat(JSON.readTree(tested).get("outcome").asText()).contains("holds the AWSCURRENT token",
                "nothing more to test");
        assertThat(cluster.requests()).noneMatch(r -> r.method().equals("DELETE") || r.method().equals("PUT"));
        assertThat(cluster.tokenBySecret(oldValue)).get().matches(t -> !t.revoked());
        assertNoSecretLogged(oldValue);
    }

    @Test
    void aSecretWhoseTokenWasDeletedFailsClearlyAndCreatesNothing() throws Exception {
        String name = "deleted-" + UUID.randomUUID();
        String arn = createdSecret(name, null);
        String oldValue = current(arn);
        SimulatedToken old = cluster.tokenBySecret(oldValue).orElseThrow();
        String version = start(arn);
        clients.select(null).delete(old.id());
        cluster.clearRequests();

        String error = invokeFailing(event("createSecret", arn, version));

        assertThat(error).isEqualTo("SecretRotationFailedException: createSecret: the token behind AWSCURRENT ("
                + old.secretIdentifier() + ") of secret " + secretName(arn) + " no longer exists on cluster default: "
                + "nothing to rotate; create a new token (create-token)");
        assertThat(cluster.requests()).noneMatch(r -> r.method().equals("POST") && r.path().endsWith("/tokens"));
        assertThat(cluster.liveTokensNamed(name)).isEmpty();
        assertThat(current(arn)).isEqualTo(oldValue);
        assertNoSecretLogged(oldValue);
    }

    @Test
    void refusesASecretCreateTokenDidNotStoreBeforeAnyRequestReachesTheCluster() {
        String arn = secrets.createSecret(b -> b.name("cluster-tokens/config/other-" + UUID.randomUUID())
                .secretString("not a created token")).arn();
        cluster.clearRequests();

        String error = invokeFailing(event("createSecret", arn, UUID.randomUUID().toString()));

        assertThat(error).startsWith("InvalidInputException: Invalid request: SecretId: ")
                .contains("is not a secret create-token stored", "cluster-tokens/created/");
        assertThat(cluster.requests()).isEmpty();
    }

    @Test
    void readsTheEventStrictlyWithFieldNamedErrors() {
        assertThat(invokeFailing(Map.of("Step", "rotate", "SecretId", "x", "ClientRequestToken", UUID.randomUUID()
                .toString()))).startsWith("InvalidInputException: Invalid request: Step: 'rotate' is not a rotation "
                        + "step; use one of createSecret, setSecret, testSecret, finishSecret");
        assertThat(invokeFailing(Map.of("Step", "createSecret", "SecretId", "x", "ClientRequestToken",
                UUID.randomUUID().toString(), "Extra", 1))).contains("Extra: unknown field");
        assertThat(invokeFailing(Map.of("Step", "createSecret", "SecretId", "x"))).isEqualTo(
                "InvalidInputException: Invalid request: ClientRequestToken: is required (32 to 64 letters, digits "
                        + "or -)");
        assertThat(cluster.requests()).isEmpty();
    }

    private String createdSecret(String name, ExpiresIn expiresIn) {
        return SecretRotations.createdSecret(tokens, name, expiresIn);
    }

    private String start(String arn) {
        return SecretRotations.start(secrets, arn);
    }

    private static Map<String, String> event(String step, String arn, String version) {
        return Map.of("Step", step, "SecretId", arn, "ClientRequestToken", version);
    }

    /** What a consumer reads: the AWSCURRENT version (named, as moto's default version does not follow the label). */
    private String current(String arn) {
        return secrets.getSecretValue(b -> b.secretId(arn).versionStage("AWSCURRENT")).secretString();
    }

    private String pending(String arn, String version) {
        return secrets.getSecretValue(b -> b.secretId(arn).versionId(version).versionStage("AWSPENDING"))
                .secretString();
    }

    private Map<String, List<String>> stages(String arn) {
        return SecretRotations.stages(secrets, arn);
    }

    private String versionLabelled(String arn, String stage) {
        return SecretRotations.versionLabelled(secrets, arn, stage);
    }

    private Map<String, String> tags(String arn) {
        return secrets.describeSecret(b -> b.secretId(arn)).tags().stream().collect(java.util.stream.Collectors
                .toMap(Tag::key, Tag::value));
    }

    private String secretName(String arn) {
        return secrets.describeSecret(b -> b.secretId(arn)).name();
    }

    private void assertNoSecretLogged(String... values) {
        for (String value : values) {
            assertThat(console.lines()).noneMatch(l -> l.text().contains(secretPart(value)));
        }
    }

    private static String secretPart(String token) {
        return token.substring(token.lastIndexOf('.') + 1);
    }
}
