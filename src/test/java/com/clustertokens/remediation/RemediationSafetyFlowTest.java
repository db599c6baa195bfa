package com.clustertokens.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.cluster.RegisteredCluster;
import com.clustertokens.remediation.LedgerEntry.Status;
import com.clustertokens.simulator.RecordedRequest;
import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.simulator.SimulatedToken;
import com.clustertokens.testing.Functions;
import com.clustertokens.testing.InjectSimulatedCluster;
import com.clustertokens.testing.SimulatedClusterResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * What remediation never does to a token, however the cluster, a person or another run interferes: revoke again or
 * delete what a person took back, delete what a restore was asked for, refuse to restore what it revoked, or act
 * while another run acts on the same cluster. Against the simulated cluster and DynamoDB Local, the clock moved.
 */
@QuarkusTest
@TestProfile(RemediationProfile.class)
@WithTestResource(SimulatedClusterResource.class)
@WithTestResource(LedgerTableResource.class)
class RemediationSafetyFlowTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @InjectSimulatedCluster
    SimulatedCluster cluster;

    @Inject
    Ledger ledger;

    private SimulatedToken neverUsedOld;
    private SimulatedToken usedLongAgo;
    private SimulatedToken usedRatherLongAgo;

    @BeforeEach
    void seed() {
        cluster.reset();
        LedgerTableResource.clear();
        neverUsedOld = token("never-used-old", "pete", days(120), null);
        usedLongAgo = token("old-backup-job", "bob", days(400), days(200));
        usedRatherLongAgo = token("old-export", "alice", days(300), days(150));
        cluster.clearRequests();
    }

    @Test
    void aTokenAPersonUnrevokedIsNotRevokedAgainUntilItIsUsedAndGoesStaleAgain() throws Exception {
        run("{\"apply\":true}");
        cluster.add(cluster.token(usedLongAgo.id()).orElseThrow().withRevoked(false));
        shiftClock(Duration.ofDays(15));
        JsonNode releasing = run("{\"apply\":true}");
        assertThat(outcomeOf(releasing, usedLongAgo.id()).get("note").asText()).contains("un-revoked by someone "
                + "else");
        LedgerEntry released = entry(usedLongAgo);
        assertThat(released.status()).isEqualTo(Status.RELEASED);
        assertThat(released.released().lastUse()).isEqualTo(usedLongAgo.lastUse());
        assertThat(released.released().revoked()).isFalse();
        cluster.clearRequests();

        for (int day : List.of(16, 31, 60)) {
            shiftClock(Duration.ofDays(day));
            JsonNode later = run("{\"apply\":true}");

            assertThat(changesTo(usedLongAgo)).as("day " + day).isEmpty();
            assertThat(ids(later.get("plan").get("revoke"))).doesNotContain(usedLongAgo.id());
            assertThat(heldWhy(later, usedLongAgo.id())).as("day " + day).startsWith("released at ")
                    .contains("un-revoked by someone else", "not revoked again until it is used");
        }
        assertThat(cluster.token(usedLongAgo.id()).orElseThrow().revoked()).isFalse();

        // Used after its release, then unused for revokeAfter (P90D) again: a new cycle starts.
        cluster.add(cluster.token(usedLongAgo.id()).orElseThrow().withLastUse(NOW.plus(Duration.ofDays(16))));
        shiftClock(Duration.ofDays(16 + 91));
        run("{\"apply\":true}");

        assertThat(changesTo(usedLongAgo)).containsExactly("PUT {\"revoked\":true}");
        assertThat(entry(usedLongAgo).status()).isEqualTo(Status.REVOKED);
        assertThat(entry(usedLongAgo).released()).isNull();
    }

    @Test
    void aTokenReleasedWhileStillRevokedCanBeRestored() throws Exception {
        run("{\"apply\":true}");
        Instant usedAt = NOW.minus(Duration.ofHours(1));
        cluster.add(cluster.token(usedLongAgo.id()).orElseThrow().withLastUse(usedAt));
        shiftClock(Duration.ofDays(15));
        run("{\"apply\":true}");
        assertThat(entry(usedLongAgo).status()).isEqualTo(Status.RELEASED);
        assertThat(cluster.token(usedLongAgo.id()).orElseThrow().revoked()).isTrue();
        cluster.clearRequests();

        Functions.Result restored = Functions.invoke("restore-token", "{\"token\":\"" + usedLongAgo.id()
                + "\",\"requester\":\"bob\"}");

        assertThat(restored.succeeded()).as(restored.toString()).isTrue();
        assertThat(JSON.readTree(restored.json()).get("outcome").asText()).isEqualTo("restored");
        assertThat(changesTo(usedLongAgo)).containsExactly("PUT {\"revoked\":false}");
        assertThat(cluster.token(usedLongAgo.id()).orElseThrow().revoked()).isFalse();
        LedgerEntry entry = entry(usedLongAgo);
        assertThat(entry.status()).isEqualTo(Status.RESTORED);
        assertThat(entry.holdUntil()).isAfter(NOW.plus(Duration.ofDays(15 + 29)));
    }

    @Test
    void restoreRefusesAReleasedTokenAPersonAlreadyUnrevokedAndSendsNothing() throws Exception {
        run("{\"apply\":true}");
        cluster.add(cluster.token(usedLongAgo.id()).orElseThrow().withRevoked(false));
        shiftClock(Duration.ofDays(15));
        run("{\"apply\":true}");
        cluster.clearRequests();

        Functions.Result refused = Functions.invoke("restore-token", "{\"token\":\"" + usedLongAgo.id() + "\"}");

        assertThat(refused.succeeded()).isFalse();
        assertThat(refused.errorMessage()).startsWith("RestoreRefusedException: Token " + usedLongAgo.id()
                + " (old-backup-job) is not revoked");
        assertThat(changes()).isEmpty();
        assertThat(entry(usedLongAgo).status()).isEqualTo(Status.RELEASED);
    }

    @Test
    void aRestoreTheClusterRefusedKeepsTheTokenFromBeingDeletedUntilItsHoldPasses() throws Exception {
        run("{\"apply\":true}");
        Functions.Result refused;
        try {
            cluster.refuse("PUT", 400, 1);
            refused = Functions.invoke("restore-token", "{\"token\":\"" + usedLongAgo.id() + "\"}");
        } finally {
            cluster.refuse("PUT", 400, 0);
        }
        assertThat(refused.errorMessage()).startsWith("ClusterRejectedRequestException");
        assertThat(entry(usedLongAgo).status()).isEqualTo(Status.REVOKED);
        assertThat(entry(usedLongAgo).holdUntil()).isAfter(NOW.plus(Duration.ofDays(29)));
        cluster.clearRequests();
        shiftClock(Duration.ofDays(15));

        JsonNode due = run("{\"apply\":true}");

        assertThat(changes()).containsExactlyInAnyOrder("DELETE /api/cluster/v2/tokens/" + neverUsedOld.id(),
                "DELETE /api/cluster/v2/tokens/" + usedRatherLongAgo.id());
        assertThat(heldWhy(due, usedLongAgo.id())).startsWith("a restore was asked for and did not take effect: "
                + "not deleted before ");
        cluster.clearRequests();
        shiftClock(Duration.ofDays(31));

        run("{\"apply\":true}");

        assertThat(changesTo(usedLongAgo)).containsExactly("DELETE");
    }

    @Test
    void aRestoreInDoubtKeepsItsHoldOnceARunFindsItDidNotTakeEffect() throws Exception {
        run("{\"apply\":true}");
        restoreWithoutAnAnswer(usedLongAgo);
        cluster.clearRequests();
        shiftClock(Duration.ofDays(15));

        JsonNode settling = run("{\"apply\":true}");

        assertThat(settling.get("notes").toString()).contains("restore at", "settled: the restore did not take "
                + "effect");
        assertThat(changesTo(usedLongAgo)).isEmpty();
        assertThat(cluster.token(usedLongAgo.id())).isPresent();
        assertThat(entry(usedLongAgo).status()).isEqualTo(Status.REVOKED);
        assertThat(entry(usedLongAgo).holdUntil()).isAfter(NOW.plus(Duration.ofDays(29)));
        cluster.clearRequests();
        shiftClock(Duration.ofDays(31));

        run("{\"apply\":true}");

        assertThat(changesTo(usedLongAgo)).containsExactly("DELETE");
    }

    @Test
    void aTokenIsNeverDeletedInTheRunThatSettlesItsRestoreEvenWhenTheHoldHasPassed() throws Exception {
        run("{\"apply\":true}");
        restoreWithoutAnAnswer(usedLongAgo);
        cluster.clearRequests();
        shiftClock(Duration.ofDays(45));

        JsonNode settling = run("{\"apply\":true}");

        assertThat(changesTo(usedLongAgo)).isEmpty();
        assertThat(changes()).hasSize(2);
        assertThat(heldWhy(settling, usedLongAgo.id())).startsWith("its restore was settled by this run");
        cluster.clearRequests();

        run("{\"apply\":true}");

        assertThat(changesTo(usedLongAgo)).containsExactly("DELETE");
    }

    private JsonNode run(String request) throws Exception {
        Functions.Result result = Functions.invoke("remediate-tokens", request);
        assertThat(result.succeeded()).as(result.toString()).isTrue();
        return JSON.readTree(result.json());
    }

    /** restore-token for {@code token}, every attempt of its un-revoke answered 503 and not applied. */
    private void restoreWithoutAnAnswer(SimulatedToken token) {
        Functions.Result unknown;
        try {
            cluster.refuse("PUT", 503, 10);
            unknown = Functions.invoke("restore-token", "{\"token\":\"" + token.id() + "\"}");
        } finally {
            cluster.refuse("PUT", 503, 0);
        }
        assertThat(unknown.errorMessage()).startsWith("ActionOutcomeUnknownException");
        assertThat(entry(token).status()).isEqualTo(Status.UNKNOWN);
        assertThat(cluster.token(token.id()).orElseThrow().revoked()).isTrue();
    }

    private LedgerEntry entry(SimulatedToken token) {
        return ledger.entry(RegisteredCluster.DEFAULT, token.id()).orElseThrow();
    }

    /** The updates and deletes the cluster received, as method, path and body (never the requests' headers). */
    private List<String> changes() {
        return cluster.requests().stream().filter(r -> r.method().equals("PUT") || r.method().equals("DELETE"))
                .map(r -> (r.method() + " " + r.path() + " " + body(r)).strip()).toList();
    }

    /** The updates and deletes of {@code token} the cluster received, as method and body. */
    private List<String> changesTo(SimulatedToken token) {
        return cluster.requests().stream().filter(r -> r.method().equals("PUT") || r.method().equals("DELETE"))
                .filter(r -> r.path().equals("/api/cluster/v2/tokens/" + token.id()))
                .map(r -> (r.method() + " " + body(r)).strip()).toList();
    }

    private static String body(RecordedRequest request) {
        return request.body() == null ? "" : request.body();
    }

    private static List<String> ids(JsonNode items) {
        return StreamSupport.stream(items.spliterator(), false).map(i -> i.get("id").asText()).toList();
    }

    private static JsonNode outcomeOf(JsonNode report, String id) {
        return StreamSupport.stream(report.get("actions").spliterator(), false)
                .filter(a -> a.get("id").asText().equals(id)).findFirst().orElseThrow();
    }

    private static String heldWhy(JsonNode report, String id) {
        return StreamSupport.stream(report.get("plan").get("held").spliterator(), false)
                .filter(h -> h.get("id").asText().equals(id)).map(h -> h.get("why").asText()).findFirst()
                .orElse(null);
    }

    private static void shiftClock(Duration ahead) {
        QuarkusMock.installMockForType(new RemediationClock() {
            @Override
            public Instant now() {
                return Instant.now().plus(ahead);
            }
        }, RemediationClock.class);
    }

    private SimulatedToken token(String name, String owner, Instant created, Instant lastUse) {
        String secret = "dt0c01." + random(24) + "." + random(64);
        return cluster.add(new SimulatedToken(UUID.randomUUID().toString(), name, null, owner,
                List.of("DiagnosticExport"), created, null, lastUse, false, false, secret));
    }

    private static Instant days(long ago) {
        return NOW.minus(Duration.ofDays(ago));
    }

    private static String random(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
