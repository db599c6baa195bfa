package com.clustertokens.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
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

    @Inject
    RunLock lock;

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

    @Test
    void anApplyRunNeitherSettlesNorActsWhileAnotherRunHoldsTheClustersLock() throws Exception {
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        RunLock.Held other = lock.take(RegisteredCluster.DEFAULT, "run A", startedAt);
        LedgerEntry inFlight = LedgerEntry.first(RegisteredCluster.DEFAULT, usedLongAgo.id(), usedLongAgo.name(),
                usedLongAgo.userId()).started(LedgerEntry.Action.REVOKE, startedAt, "run A", "stale", null);
        assertThat(ledger.write(inFlight)).isTrue();

        JsonNode second = run("{\"apply\":true}");

        assertThat(second.get("applied").asBoolean()).isFalse();
        assertThat(second.get("notApplied").asText()).startsWith("Another run holds the remediation lock of cluster "
                + "default (run A, since " + startedAt).contains(
                        "nothing was settled or sent");
        assertThat(second.get("actions")).isEmpty();
        assertThat(changes()).isEmpty();
        assertThat(entry(usedLongAgo)).isEqualTo(inFlight);
        assertThat(heldWhy(second, usedLongAgo.id())).startsWith("in doubt");

        lock.release(other, Instant.now());
        JsonNode after = run("{\"apply\":true}");

        assertThat(after.get("applied").asBoolean()).isTrue();
        assertThat(after.get("notes").toString()).contains("settled: the revoke did not take effect");
        assertThat(changes()).containsExactlyInAnyOrder(
                "PUT /api/cluster/v2/tokens/" + neverUsedOld.id() + " {\"revoked\":true}",
                "PUT /api/cluster/v2/tokens/" + usedLongAgo.id() + " {\"revoked\":true}",
                "PUT /api/cluster/v2/tokens/" + usedRatherLongAgo.id() + " {\"revoked\":true}");
    }

    @Test
    void aLockLeftByARunThatDiedIsTakenOverOnceItHasExpired() throws Exception {
        lock.take(RegisteredCluster.DEFAULT, "run that died", Instant.now());
        shiftClock(RunLock.LEASE.minusMinutes(1));
        assertThat(run("{\"apply\":true}").get("applied").asBoolean()).isFalse();
        shiftClock(RunLock.LEASE.plusMinutes(1));

        JsonNode later = run("{\"apply\":true}");

        assertThat(later.get("applied").asBoolean()).isTrue();
        assertThat(changes()).hasSize(3).allSatisfy(change -> assertThat(change).startsWith("PUT "));
    }

    @Test
    void restoreTokenSendsNothingWhileAnApplyRunHoldsTheClustersLock() throws Exception {
        run("{\"apply\":true}");
        LedgerEntry revoked = entry(usedLongAgo);
        cluster.clearRequests();
        RunLock.Held applying = lock.take(RegisteredCluster.DEFAULT, "schedule at 2026-01-01T04:00:00Z",
                Instant.now());

        Functions.Result busy = Functions.invoke("restore-token", "{\"token\":\"" + usedLongAgo.id() + "\"}");

        assertThat(busy.succeeded()).isFalse();
        assertThat(busy.errorMessage()).startsWith("RequestInProgressException: Another run holds the remediation "
                + "lock of cluster default (schedule at 2026-01-01T04:00:00Z, since ");
        assertThat(changes()).isEmpty();
        assertThat(entry(usedLongAgo)).isEqualTo(revoked);

        lock.release(applying, Instant.now());
        Functions.Result restored = Functions.invoke("restore-token", "{\"token\":\"" + usedLongAgo.id() + "\"}");

        assertThat(restored.succeeded()).as(restored.toString()).isTrue();
        assertThat(changesTo(usedLongAgo)).containsExactly("PUT {\"revoked\":false}");
    }

    @Test
    void aRunStartsNoActionOnceItsLockNearsItsExpiry() throws Exception {
        Instant start = Instant.now();
        AtomicInteger calls = new AtomicInteger();
        // The run reads the clock when it starts, then before each action: there it finds 11 minutes gone.
        QuarkusMock.installMockForType(new RemediationClock() {
            @Override
            public Instant now() {
                return calls.getAndIncrement() == 0 ? start : start.plus(Duration.ofMinutes(11));
            }
        }, RemediationClock.class);

        JsonNode report = run("{\"apply\":true}");

        assertThat(report.get("actions")).hasSize(3).allSatisfy(action -> {
            assertThat(action.get("outcome").asText()).isEqualTo("notAttempted");
            assertThat(action.get("note").asText()).contains("its lock of the cluster nearing its expiry at "
                    + start.plus(RunLock.LEASE));
        });
        assertThat(changes()).isEmpty();
        assertThat(ledger.entries(RegisteredCluster.DEFAULT)).isEmpty();
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
