package com.clustertokens.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.cluster.RegisteredCluster;
import com.clustertokens.remediation.LedgerEntry.Status;
import com.clustertokens.simulator.RecordedRequest;
import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.simulator.SimulatedToken;
import com.clustertokens.testing.ConsoleCapture;
import com.clustertokens.testing.EmfLines;
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
 * remediate-tokens and restore-token against the simulated cluster and moto's DynamoDB: what reaches the cluster
 * (the updates and deletes it received) and what the ledger holds after each run.
 */
@QuarkusTest
@TestProfile(RemediationProfile.class)
@WithTestResource(SimulatedClusterResource.class)
@WithTestResource(LedgerTableResource.class)
class RemediationFlowTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Instant NOW = Instant.now();

    @InjectSimulatedCluster
    SimulatedCluster cluster;

    @Inject
    Ledger ledger;

    private SimulatedToken neverUsedOld;
    private SimulatedToken usedLongAgo;
    private SimulatedToken usedRatherLongAgo;
    private SimulatedToken revokedByAPerson;

    @BeforeEach
    void seed() {
        cluster.reset();
        LedgerTableResource.clear();
        neverUsedOld = token("never-used-old", "pete", days(120), null, false);
        usedLongAgo = token("old-backup-job", "bob", days(400), days(200), false);
        usedRatherLongAgo = token("old-export", "alice", days(300), days(150), false);
        revokedByAPerson = token("revoked-by-alice", "alice", days(500), days(300), true);
        token("ci-deploy", "alice", days(120), days(1), false);
        token("new-unused", "pete", days(10), null, false);
        token("keep-forever", "bob", days(500), days(400), false);
        token("Mobile", "bob", days(500), days(400), false);
        cluster.clearRequests();
    }

    @Test
    void planWithoutApplyChangesNothingAtTheCluster() throws Exception {
        JsonNode report = run("{}");

        assertThat(ids(report.get("plan").get("revoke"))).containsExactly(neverUsedOld.id(), usedLongAgo.id(),
                usedRatherLongAgo.id());
        assertThat(report.get("applied").asBoolean()).isFalse();
        assertThat(report.has("notApplied")).isFalse();
        assertThat(changes()).isEmpty();
        assertThat(cluster.token(usedLongAgo.id()).orElseThrow().revoked()).isFalse();
        assertThat(ledger.entries(RegisteredCluster.DEFAULT)).isEmpty();
        assertThat(heldWhy(report, revokedByAPerson.id())).contains("revoked by someone else");
        assertThat(report.get("summary").asText()).contains("plan only", "*Would revoke* (3)",
                "old-backup-job (" + usedLongAgo.id() + ") · owner bob");
    }

    @Test
    void applyRevokesExactlyThePlannedTokens() throws Exception {
        JsonNode plan = run("{}");
        JsonNode applied = run("{\"apply\":true}");

        assertThat(applied.get("applied").asBoolean()).isTrue();
        List<RecordedRequest> changes = changes();
        assertThat(changes).extracting(RecordedRequest::method).containsOnly("PUT");
        assertThat(changes).extracting(RemediationFlowTest::tokenOf)
                .containsExactlyElementsOf(ids(plan.get("plan").get("revoke")));
        assertThat(changes).extracting(RecordedRequest::body).containsOnly("{\"revoked\":true}");
        assertThat(changes).allSatisfy(request -> assertThat(request.header("Content-Type").orElseThrow())
                .startsWith("application/json"));
        for (SimulatedToken token : List.of(neverUsedOld, usedLongAgo, usedRatherLongAgo)) {
            assertThat(cluster.token(token.id()).orElseThrow().revoked()).as(token.name()).isTrue();
            LedgerEntry entry = ledger.entry(RegisteredCluster.DEFAULT, token.id()).orElseThrow();
            assertThat(entry.status()).isEqualTo(Status.REVOKED);
            assertThat(entry.owner()).isEqualTo(token.userId());
            assertThat(entry.before().lastUse()).isEqualTo(token.lastUse());
            assertThat(entry.history()).extracting(LedgerEntry.Event::outcome).containsExactly(
                    LedgerEntry.Outcome.STARTED,
                    LedgerEntry.Outcome.DONE);
            assertThat(entry.history().get(0).reason()).isNotBlank();
        }
        assertThat(applied.get("summary").asText()).contains("*Revoked today* (3)", "owner pete",
                "*Will be deleted* (3)", "restore-token {\"token\":\"<id>\"");
    }

    @Test
    void aSecondRunTheSameDaySendsNoRequestThatChangesAnything() throws Exception {
        run("{\"apply\":true}");
        cluster.clearRequests();

        JsonNode again = run("{\"apply\":true}");

        assertThat(changes()).isEmpty();
        assertThat(again.get("plan").get("revoke")).isEmpty();
        assertThat(again.get("plan").get("delete")).isEmpty();
        assertThat(ids(again.get("plan").get("upcoming"))).containsExactlyInAnyOrder(neverUsedOld.id(),
                usedLongAgo.id(), usedRatherLongAgo.id());
    }

    @Test
    void aRunAfterDeleteAfterDeletesOnlyLedgerRevokedStillUnusedTokens() throws Exception {
        run("{\"apply\":true}");
        cluster.clearRequests();
        shiftClock(Duration.ofDays(15));

        JsonNode later = run("{\"apply\":true}");

        List<RecordedRequest> changes = changes();
        assertThat(changes).extracting(RecordedRequest::method).containsOnly("DELETE");
        assertThat(changes).extracting(RemediationFlowTest::tokenOf).containsExactlyInAnyOrder(neverUsedOld.id(),
                usedLongAgo.id(), usedRatherLongAgo.id());
        assertThat(cluster.token(usedLongAgo.id())).isEmpty();
        assertThat(cluster.token(revokedByAPerson.id())).as("revoked by a person: never deleted").isPresent();
        assertThat(ledger.entry(RegisteredCluster.DEFAULT, usedLongAgo.id()).orElseThrow().status()).isEqualTo(
                Status.DELETED);
        assertThat(later.get("summary").asText()).contains("*Deleted today* (3)");
    }

    @Test
    void aTokenUsedBetweenRevokeAndDeleteIsNotDeleted() throws Exception {
        run("{\"apply\":true}");
        Instant usedAt = NOW.minus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        cluster.add(cluster.token(usedLongAgo.id()).orElseThrow().withLastUse(usedAt));
        cluster.clearRequests();
        shiftClock(Duration.ofDays(15));

        JsonNode later = run("{\"apply\":true}");

        assertThat(changes()).extracting(RemediationFlowTest::tokenOf).containsExactlyInAnyOrder(neverUsedOld.id(),
                usedRatherLongAgo.id()).doesNotContain(usedLongAgo.id());
        assertThat(cluster.token(usedLongAgo.id())).isPresent();
        LedgerEntry entry = ledger.entry(RegisteredCluster.DEFAULT, usedLongAgo.id()).orElseThrow();
        assertThat(entry.status()).isEqualTo(Status.RELEASED);
        assertThat(outcomeOf(later, usedLongAgo.id()).get("note").asText()).contains("used since it was revoked");
    }

    @Test
    void exceedingMaxActionsSendsNothing() throws Exception {
        for (int i = 0; i < 3; i++) {
            token("stale-extra-" + i, "carol", days(300), days(200 + i), false);
        }
        cluster.clearRequests();

        JsonNode report = run("{\"apply\":true}");

        assertThat(report.get("plan").get("exceedsMaxActions").asBoolean()).isTrue();
        assertThat(report.get("applied").asBoolean()).isFalse();
        assertThat(report.get("notApplied").asText()).contains("6 actions, more than maxActions 5",
                "nothing was done");
        assertThat(changes()).isEmpty();
        assertThat(ledger.entries(RegisteredCluster.DEFAULT)).isEmpty();
        assertThat(report.get("summary").asText()).contains("NOT APPLIED");
    }

    @Test
    void overTheCapTheRotationsFollowUpIsStillDoneFirstAndNothingElse() throws Exception {
        for (int i = 0; i < 3; i++) {
            token("stale-extra-" + i, "carol", days(300), days(200 + i), false);
        }
        SimulatedToken rotated = token("rotated-ci", "alice", days(100), days(1), false);
        Instant due = NOW.minus(Duration.ofHours(1));
        assertThat(ledger.write(LedgerEntry.superseded(RegisteredCluster.DEFAULT, Optional.empty(), metadata(
                rotated), new LedgerEntry.Rotation("replacement-id", due.minus(Duration.ofDays(7)), due, "alice",
                        "rotation-replacement-id")))).isTrue();
        cluster.clearRequests();

        JsonNode report = run("{\"apply\":true,\"format\":\"text\"}");

        assertThat(report.get("plan").get("exceedsMaxActions").asBoolean()).isTrue();
        assertThat(report.get("applied").asBoolean()).isFalse();
        assertThat(report.get("notApplied").asText()).contains("6 actions, more than maxActions 5 (its 1 rotation "
                + "follow-ups not counted)", "only the rotation follow-ups");
        assertThat(report.get("actions")).singleElement().satisfies(a -> {
            assertThat(a.get("id").asText()).isEqualTo(rotated.id());
            assertThat(a.get("outcome").asText()).isEqualTo("done");
        });
        assertThat(changes()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("PUT");
            assertThat(tokenOf(r)).isEqualTo(rotated.id());
        });
        assertThat(cluster.token(rotated.id()).orElseThrow().revoked()).isTrue();
        assertThat(ledger.entry(RegisteredCluster.DEFAULT, rotated.id()).orElseThrow().status())
                .isEqualTo(Status.REVOKED);
        assertThat(ledger.entries(RegisteredCluster.DEFAULT)).containsOnlyKeys(rotated.id());
        assertThat(report.get("summary").asText()).contains("NOT APPLIED", "*Revoked today* (1)\n• rotated-ci",
                "*Would revoke* (6)").doesNotContain("• rotated-ci (" + rotated.id() + ") · owner alice · rotated");
    }

    @Test
    void aSupersededEntryWithoutItsRotationIsHeldWithWhyAndItsTokenNeverTouched() throws Exception {
        LedgerEntry.TokenState before = new LedgerEntry.TokenState(usedLongAgo.name(), usedLongAgo.userId(), null,
                null, null, null, false);
        assertThat(ledger.write(new LedgerEntry(RegisteredCluster.DEFAULT, usedLongAgo.id(), usedLongAgo.name(),
                usedLongAgo.userId(), Status.SUPERSEDED, null, null, null, null, null, null, before, null, List.of(),
                1, null))).isTrue();

        JsonNode report = run("{\"apply\":true}");

        assertThat(report.get("applied").asBoolean()).isTrue();
        assertThat(heldWhy(report, usedLongAgo.id())).isEqualTo("superseded, but its ledger entry lacks its rotation "
                + "record (replacement, revoke due): never revoked or deleted by this system; check the entry, then "
                + "rotate again or restore-token");
        assertThat(changes()).extracting(RemediationFlowTest::tokenOf).containsExactlyInAnyOrder(neverUsedOld.id(),
                usedRatherLongAgo.id());
        assertThat(ledger.entry(RegisteredCluster.DEFAULT, usedLongAgo.id()).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void restoreUnrevokesAndTheNextPlanLeavesTheTokenAlone() throws Exception {
        run("{\"apply\":true}");
        cluster.clearRequests();

        Functions.Result restored = Functions.invoke("restore-token", "{\"token\":\"" + usedLongAgo.id()
                + "\",\"requester\":\"bob\",\"format\":\"text\"}");

        assertThat(restored.succeeded()).as(restored.toString()).isTrue();
        JsonNode result = JSON.readTree(restored.json());
        assertThat(result.get("outcome").asText()).isEqualTo("restored");
        assertThat(result.get("summary").asText()).contains("Restored token old-backup-job (" + usedLongAgo.id()
                + "), owner bob");
        assertThat(changes()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("PUT");
            assertThat(tokenOf(request)).isEqualTo(usedLongAgo.id());
            assertThat(request.body()).isEqualTo("{\"revoked\":false}");
        });
        assertThat(cluster.token(usedLongAgo.id()).orElseThrow().revoked()).isFalse();
        assertThat(ledger.entry(RegisteredCluster.DEFAULT, usedLongAgo.id()).orElseThrow().status()).isEqualTo(
                Status.RESTORED);
        cluster.clearRequests();
        shiftClock(Duration.ofDays(15));

        JsonNode next = run("{\"apply\":true}");

        assertThat(ids(next.get("plan").get("revoke"))).doesNotContain(usedLongAgo.id());
        assertThat(ids(next.get("plan").get("delete"))).doesNotContain(usedLongAgo.id());
        assertThat(heldWhy(next, usedLongAgo.id())).contains("restored; left alone until");
        assertThat(changes()).extracting(RemediationFlowTest::tokenOf).doesNotContain(usedLongAgo.id());
        assertThat(cluster.token(usedLongAgo.id())).isPresent();
    }

    @Test
    void everyActionOnATokenIsALogLineNamingItsIdTheRestoreAndARefusedRestoreToo() throws Exception {
        List<String> lines;
        ConsoleCapture console = ConsoleCapture.start();
        try {
            run("{\"apply\":true}");
            assertThat(Functions.invoke("restore-token", "{\"token\":\"" + usedLongAgo.id() + "\"}").succeeded())
                    .isTrue();
            assertThat(Functions.invoke("restore-token", "{\"token\":\"" + revokedByAPerson.id() + "\"}")
                    .succeeded()).isFalse();
            lines = console.lines().stream().map(ConsoleCapture.Line::message).toList();
        } finally {
            console.close();
        }

        assertThat(lines).filteredOn(line -> line.contains(usedLongAgo.id())).anySatisfy(line -> assertThat(line)
                .startsWith("revoke " + usedLongAgo.id() + " (old-backup-job): done")).anySatisfy(line -> assertThat(
                        line).startsWith("restore " + usedLongAgo.id() + " (old-backup-job): restored, held out of "
                                + "plans until "));
        assertThat(lines).filteredOn(line -> line.contains(revokedByAPerson.id())).anySatisfy(line -> assertThat(line)
                .startsWith("Request failed: RestoreRefusedException: Token " + revokedByAPerson.id()));
    }

    @Test
    void restoreRefusesATokenThisSystemDidNotRevoke() {
        Functions.Result refused = Functions.invoke("restore-token", "{\"token\":\"" + revokedByAPerson.id() + "\"}");

        assertThat(refused.succeeded()).isFalse();
        assertThat(refused.errorMessage()).startsWith("RestoreRefusedException: Token " + revokedByAPerson.id()
                + " was not revoked by this system");
        assertThat(changes()).isEmpty();
    }

    @Test
    void aFailureHalfwayLeavesALedgerThatTheNextRunCompletes() throws Exception {
        // The first revoke goes through; the second is applied, then every attempt of it is answered 504.
        cluster.failAfterApplying("PUT", 1, 10);
        JsonNode first;
        try {
            first = run("{\"apply\":true}");
        } finally {
            cluster.failAfterApplying("PUT", 0, 0);
        }
        assertThat(outcomes(first)).containsExactly("done", "unknown", "notAttempted");
        assertThat(ledger.entry(RegisteredCluster.DEFAULT, usedLongAgo.id()).orElseThrow().status()).isEqualTo(
                Status.UNKNOWN);
        assertThat(ledger.entry(RegisteredCluster.DEFAULT, usedRatherLongAgo.id())).isEmpty();
        assertThat(first.get("summary").asText()).contains("*Not done* (2)", "revoke unknown");
        cluster.clearRequests();

        JsonNode second = run("{\"apply\":true}");

        assertThat(changes()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("PUT");
            assertThat(tokenOf(request)).isEqualTo(usedRatherLongAgo.id());
        });
        assertThat(second.get("notes").toString()).contains("revoke at", "settled: the revoke took effect");
        for (SimulatedToken token : List.of(neverUsedOld, usedLongAgo, usedRatherLongAgo)) {
            assertThat(ledger.entry(RegisteredCluster.DEFAULT, token.id()).orElseThrow().status()).as(token.name())
                    .isEqualTo(Status.REVOKED);
            assertThat(cluster.token(token.id()).orElseThrow().revoked()).isTrue();
        }
    }

    @Test
    void aRunThatActsPrintsWhatBecameOfItsActionsAsOneMetricsLineOfTheCluster() throws Exception {
        List<JsonNode> planned = EmfLines.in("ClusterTokenRemediation", EmfLines.during(() -> run("{}")));
        cluster.failAfterApplying("PUT", 1, 10);
        List<JsonNode> acted;
        try {
            acted = EmfLines.in("ClusterTokenRemediation", EmfLines.during(() -> run("{\"apply\":true}")));
        } finally {
            cluster.failAfterApplying("PUT", 0, 0);
        }

        assertThat(planned).as("a plan changes nothing: no line").isEmpty();
        assertThat(acted).singleElement().satisfies(line -> {
            assertThat(line.at("/_aws/CloudWatchMetrics/0/Dimensions").toString()).isEqualTo("[[\"Cluster\"]]");
            assertThat(line.get("Cluster").asText()).isEqualTo(cluster.url());
            assertThat(EmfLines.names(line)).containsExactly("RevokedTokens", "DeletedTokens", "RefusedActions",
                    "UnknownOutcomeActions", "SkippedActions", "NotAttemptedActions");
            assertThat(line.get("RevokedTokens").asLong()).isEqualTo(1);
            assertThat(line.get("UnknownOutcomeActions").asLong()).isEqualTo(1);
            assertThat(line.get("NotAttemptedActions").asLong()).isEqualTo(1);
            assertThat(line.get("DeletedTokens").asLong() + line.get("RefusedActions").asLong()
                    + line.get("SkippedActions").asLong()).isZero();
        });
    }

    @Test
    void theStaleTokensReportCarriesThePlan() throws Exception {
        Functions.Result result = Functions.invoke("stale-tokens", "{}");

        assertThat(result.succeeded()).as(result.toString()).isTrue();
        JsonNode report = JSON.readTree(result.json());
        JsonNode section = report.get("sections").get("remediation");
        assertThat(ids(section.get("plan").get("revoke"))).containsExactly(neverUsedOld.id(), usedLongAgo.id(),
                usedRatherLongAgo.id());
        assertThat(report.get("summary").asText()).contains("*Token remediation*: plan only", "*Would revoke* (3)");
        assertThat(changes()).isEmpty();
    }

    private JsonNode run(String request) throws Exception {
        Functions.Result result = Functions.invoke("remediate-tokens", request);
        assertThat(result.succeeded()).as(result.toString()).isTrue();
        return JSON.readTree(result.json());
    }

    private List<RecordedRequest> changes() {
        return cluster.requests().stream().filter(r -> r.method().equals("PUT") || r.method().equals("DELETE"))
                .toList();
    }

    private static String tokenOf(RecordedRequest request) {
        return request.path().substring(request.path().lastIndexOf('/') + 1);
    }

    private static List<String> ids(JsonNode items) {
        return java.util.stream.StreamSupport.stream(items.spliterator(), false).map(i -> i.get("id").asText())
                .toList();
    }

    private static List<String> outcomes(JsonNode report) {
        return java.util.stream.StreamSupport.stream(report.get("actions").spliterator(), false)
                .map(a -> a.get("outcome").asText()).toList();
    }

    private static JsonNode outcomeOf(JsonNode report, String id) {
        return java.util.stream.StreamSupport.stream(report.get("actions").spliterator(), false)
                .filter(a -> a.get("id").asText().equals(id)).findFirst().orElseThrow();
    }

    private static String heldWhy(JsonNode report, String id) {
        Map<String, String> held = java.util.stream.StreamSupport.stream(report.get("plan").get("held").spliterator(),
                false).collect(Collectors.toMap(h -> h.get("id").asText(), h -> h.get("why").asText()));
        return held.get(id);
    }

    private static void shiftClock(Duration ahead) {
        QuarkusMock.installMockForType(new RemediationClock() {
            @Override
            public Instant now() {
                return Instant.now().plus(ahead);
            }
        }, RemediationClock.class);
    }

    private SimulatedToken token(String name, String owner, Instant created, Instant lastUse, boolean revoked) {
        String secret = "dt0c01." + random(24) + "." + random(64);
        return cluster.add(new SimulatedToken(UUID.randomUUID().toString(), name, null, owner,
                List.of("DiagnosticExport"), created, null, lastUse, revoked, false, secret));
    }

    private static com.clustertokens.cluster.TokenMetadata metadata(SimulatedToken token) {
        return new com.clustertokens.cluster.TokenMetadata(token.id(), token.name(), token.userId(), token.revoked(),
                token.created().toEpochMilli(), null, token.lastUse().toEpochMilli(), token.scopes(), false);
    }

    private static Instant days(long ago) {
        return ago == 0 ? null : NOW.minus(Duration.ofDays(ago));
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
