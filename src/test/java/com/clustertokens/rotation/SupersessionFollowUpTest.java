package com.clustertokens.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.cluster.ClusterClients;
import com.clustertokens.cluster.RegisteredCluster;
import com.clustertokens.remediation.Ledger;
import com.clustertokens.remediation.LedgerEntry;
import com.clustertokens.remediation.LedgerEntry.Status;
import com.clustertokens.remediation.RemediationClock;
import com.clustertokens.remediation.RotationFollowUps;
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

import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;

/**
 * The hand-off of a rotated token and its follow-up, in a deployment that only plans and states no scope: the ledger
 * entry and the schedule it leaves, then what reaches the cluster before the grace ends, after it, and
 * REMEDIATION_DELETE_AFTER later; a restore, a token changed since, and one the ledger does not mark.
 */
@QuarkusTest
@TestProfile(RotationProfile.class)
@WithTestResource(SimulatedClusterResource.class)
@WithTestResource(RotationAwsResource.class)
class SupersessionFollowUpTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ObjectMapper mapper;
    private static final Duration GRACE = Duration.ofDays(7);

    @InjectSimulatedCluster
    SimulatedCluster cluster;

    @Inject
    ClusterClients clients;

    @Inject
    Supersession supersession;

    @Inject
    RotationFollowUps followUps;

    @Inject
    Ledger ledger;

    private SimulatedToken old;
    private SimulatedToken replacement;

    @BeforeEach
    void seed() {
        cluster.reset();
        RotationAwsResource.clear();
        shiftClock(Duration.ZERO);
        old = cluster.addToken("ci-deploy", "alice", List.of("settings.read", "DiagnosticExport"),
                Instant.now().minus(Duration.ofHours(2)));
        replacement = cluster.addToken("ci-deploy", "admin", List.of("settings.read", "DiagnosticExport"), null);
        cluster.clearRequests();
    }

    @AfterEach
    void realClock() {
        shiftClock(Duration.ZERO);
    }

    @Test
    void theHandOffRecordsTheOldTokenAsSupersededAndSchedulesItsRevokeAtTheEndOfTheGrace() throws Exception {
        JsonNode handoff = supersede();

        LedgerEntry entry = entry();
        assertThat(entry.status()).isEqualTo(Status.SUPERSEDED);
        assertThat(entry.rotation().supersededBy()).isEqualTo(replacement.id());
        assertThat(entry.rotation().requester()).isEqualTo("alice@example.com");
        assertThat(entry.rotation().run()).isEqualTo("rotation-" + replacement.id());
        assertThat(entry.rotation().revokeDue()).isEqualTo(entry.rotation().rotatedAt().plus(GRACE));
        assertThat(entry.before().name()).isEqualTo("ci-deploy");
        assertThat(entry.before().scopes()).containsExactly("settings.read", "DiagnosticExport");
        assertThat(entry.history()).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(LedgerEntry.Action.ROTATE);
            assertThat(e.outcome()).isEqualTo(LedgerEntry.Outcome.DONE);
            assertThat(e.reason()).contains(replacement.id());
        });
        assertThat(Instant.parse(handoff.get("deleteDue").asText()))
                .isEqualTo(entry.rotation().revokeDue().plus(Duration.ofDays(14)));
        try (SchedulerClient scheduler = RotationAwsResource.scheduler()) {
            GetScheduleResponse schedule = scheduler.getSchedule(b -> b.groupName(RotationAwsResource.GROUP)
                    .name(handoff.get("schedule").asText()));
            Instant at = entry.rotation().revokeDue();
            assertThat(schedule.scheduleExpression()).startsWith("at(" + at.toString().substring(0, 16));
            assertThat(schedule.scheduleExpressionTimezone()).isEqualTo("UTC");
            assertThat(schedule.actionAfterCompletionAsString()).isEqualTo("DELETE");
            assertThat(schedule.target().arn()).isEqualTo(RotationAwsResource.FOLLOW_UP_ARN);
            assertThat(schedule.target().roleArn()).isEqualTo(RotationAwsResource.ROLE_ARN);
            assertThat(JSON.readTree(schedule.target().input())).isEqualTo(JSON.readTree("{\"token\":\"" + old.id()
                    + "\"}"));
        }
        assertThat(cluster.requests()).noneMatch(SupersessionFollowUpTest::changes);
    }

    @Test
    void aRepeatedHandOffReturnsTheFirstAndAnotherReplacementIsRefused() throws Exception {
        JsonNode first = supersede();
        JsonNode again = supersede();

        assertThat(again.get("revokeDue")).isEqualTo(first.get("revokeDue"));
        assertThat(entry().version()).isEqualTo(1);
        Functions.Result other = Functions.call(() -> clients.within(null, c -> supersession.supersede(c, c
                .metadata(old.id()), "another-replacement", GRACE, "bob", "rotation-another")));
        assertThat(other.succeeded()).isFalse();
        assertThat(other.errorMessage()).contains("RotationRefusedException", "already superseded by "
                + replacement.id());
    }

    @Test
    void nothingIsSentBeforeTheGraceEndsThenTheOldTokenIsRevokedAndLaterDeletedInPlanModeToo() throws Exception {
        supersede();

        JsonNode early = followUp(Duration.ofDays(6));
        assertThat(early.get("actions")).isEmpty();
        assertThat(early.get("upcoming").get(0).get("id").asText()).isEqualTo(old.id());
        assertThat(cluster.requests()).noneMatch(SupersessionFollowUpTest::changes);

        // Used during the grace, as the grace is for: still revoked when it ends.
        cluster.add(cluster.token(old.id()).orElseThrow().withLastUse(Instant.now()));
        JsonNode due = followUp(Duration.ofDays(7).plusMinutes(1));
        assertThat(due.get("actions").get(0).get("outcome").asText()).isEqualTo("done");
        List<RecordedRequest> changes = cluster.requests().stream().filter(SupersessionFollowUpTest::changes)
                .toList();
        assertThat(changes).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("PUT");
            assertThat(r.path()).endsWith("/tokens/" + old.id());
            assertThat(r.body()).isEqualTo("{\"revoked\":true}");
        });
        assertThat(cluster.token(old.id()).orElseThrow().revoked()).isTrue();
        assertThat(cluster.token(replacement.id()).orElseThrow().revoked()).isFalse();
        assertThat(entry().status()).isEqualTo(Status.REVOKED);
        cluster.clearRequests();

        JsonNode notYet = followUp(Duration.ofDays(7 + 13));
        assertThat(notYet.get("actions")).isEmpty();
        JsonNode deleted = followUp(Duration.ofDays(7 + 14).plusMinutes(2));
        assertThat(deleted.get("actions").get(0).get("action").asText()).isEqualTo("delete");
        assertThat(cluster.requests()).filteredOn(SupersessionFollowUpTest::changes).singleElement()
                .satisfies(r -> assertThat(r.method() + " " + r.path()).endsWith("DELETE /api/cluster/v2/tokens/"
                        + old.id()));
        assertThat(cluster.token(old.id())).isEmpty();
        assertThat(entry().status()).isEqualTo(Status.DELETED);
    }

    @Test
    void theOldTokenRevokedByItsFollowUpIsRestoredLikeAnyRevokeAndThenLeftAlone() throws Exception {
        supersede();
        followUp(Duration.ofDays(8));
        assertThat(cluster.token(old.id()).orElseThrow().revoked()).isTrue();

        Functions.Result restored = Functions.invoke("restore-token", "{\"token\":\"" + old.id() + "\"}");
        assertThat(restored.succeeded()).as(restored.toString()).isTrue();
        assertThat(cluster.token(old.id()).orElseThrow().revoked()).isFalse();
        assertThat(entry().status()).isEqualTo(Status.RESTORED);
        cluster.clearRequests();

        JsonNode later = followUp(Duration.ofDays(30));
        assertThat(later.get("actions")).isEmpty();
        assertThat(cluster.requests()).noneMatch(SupersessionFollowUpTest::changes);
    }

    @Test
    void aRestoreBeforeTheGraceEndsKeepsTheOldTokenAndItsScheduleThenFindsNothingToDo() throws Exception {
        supersede();

        Functions.Result kept = Functions.invoke("restore-token", "{\"token\":\"" + old.id() + "\"}");
        assertThat(kept.succeeded()).as(kept.toString()).isTrue();
        assertThat(entry().status()).isEqualTo(Status.RESTORED);

        JsonNode later = followUp(Duration.ofDays(8));
        assertThat(later.get("actions")).isEmpty();
        assertThat(cluster.token(old.id()).orElseThrow().revoked()).isFalse();
        assertThat(cluster.requests()).noneMatch(SupersessionFollowUpTest::changes);
    }

    @Test
    void anOldTokenSomeoneRevokedMeanwhileIsRecordedRevokedAndDeletedWhenDue() throws Exception {
        supersede();
        cluster.add(cluster.token(old.id()).orElseThrow().withRevoked(true));
        cluster.clearRequests();

        JsonNode due = followUp(Duration.ofDays(8));
        assertThat(due.get("actions").get(0).get("outcome").asText()).isEqualTo("skipped");
        assertThat(cluster.requests()).noneMatch(SupersessionFollowUpTest::changes);
        assertThat(entry().status()).isEqualTo(Status.REVOKED);

        followUp(Duration.ofDays(8 + 15));
        assertThat(cluster.token(old.id())).isEmpty();
        assertThat(entry().status()).isEqualTo(Status.DELETED);
    }

    @Test
    void remediationsPlanShowsTheSupersededTokenAsUpcomingWithItsRevokeAndDeleteTimes() throws Exception {
        JsonNode handoff = supersede();

        Functions.Result plan = Functions.invoke("remediate-tokens", "{\"format\":\"text\"}");

        assertThat(plan.succeeded()).as(plan.toString()).isTrue();
        JsonNode upcoming = JSON.readTree(plan.json()).get("plan").get("upcoming").get(0);
        assertThat(upcoming.get("id").asText()).isEqualTo(old.id());
        assertThat(Instant.parse(upcoming.get("revokeAt").asText())).isEqualTo(Instant.parse(handoff.get(
                "revokeDue").asText()));
        assertThat(JSON.readTree(plan.json()).get("summary").asText()).contains("rotated: revoked on ");
        assertThat(cluster.requests()).noneMatch(SupersessionFollowUpTest::changes);
    }

    @Test
    void anOldTokenRenamedSinceTheRotationIsSkippedWithANoteAndNoLongerFollowedUp() throws Exception {
        supersede();
        cluster.add(cluster.token(old.id()).orElseThrow().withName("ci-deploy-kept"));

        JsonNode due = followUp(Duration.ofDays(8));

        assertThat(due.get("actions").get(0).get("outcome").asText()).isEqualTo("skipped");
        assertThat(due.get("actions").get(0).get("note").asText()).contains("renamed since the rotation");
        assertThat(cluster.requests()).noneMatch(SupersessionFollowUpTest::changes);
        assertThat(entry().status()).isEqualTo(Status.RELEASED);
        assertThat(followUp(Duration.ofDays(30)).get("actions")).isEmpty();
    }

    @Test
    void aTokenTheLedgerDoesNotMarkAsRotatedIsNeverTouchedByTheFollowUp() throws Exception {
        // Revoked by remediation long ago (no rotation) and outside any scope: the follow-up leaves it to remediation.
        cluster.add(cluster.token(old.id()).orElseThrow().withRevoked(true));
        assertThat(ledger.write(new LedgerEntry(RegisteredCluster.DEFAULT, old.id(), "ci-deploy", "alice",
                Status.REVOKED, null, null, null, Instant.now().minus(Duration.ofDays(60)), "run", null, null, null,
                List.of(), 1))).isTrue();
        cluster.clearRequests();

        JsonNode result = followUp(Duration.ZERO);

        assertThat(result.get("actions")).isEmpty();
        assertThat(cluster.requests()).noneMatch(SupersessionFollowUpTest::changes);
        assertThat(entry().status()).isEqualTo(Status.REVOKED);
    }

    private JsonNode supersede() {
        return call(() -> clients.within(null, c -> supersession.supersede(c, c.metadata(old.id()), replacement.id(),
                GRACE, "alice@example.com", "rotation-" + replacement.id())));
    }

    private JsonNode followUp(Duration ahead) {
        shiftClock(ahead);
        return call(() -> clients.within(null, c -> followUps.run(c, null, "follow-up test")));
    }

    /** As an invocation would, the answer written by the application's own mapper (times as ISO text). */
    private JsonNode call(Supplier<Object> work) {
        AtomicReference<Object> answer = new AtomicReference<>();
        Functions.Result result = Functions.call(() -> {
            answer.set(work.get());
            return null;
        });
        assertThat(result.succeeded()).as(result.toString()).isTrue();
        return mapper.valueToTree(answer.get());
    }

    private LedgerEntry entry() {
        return ledger.entry(RegisteredCluster.DEFAULT, old.id()).orElseThrow();
    }

    private static boolean changes(RecordedRequest request) {
        return request.method().equals("PUT") || request.method().equals("DELETE") || request.method().equals("POST")
                && !request.path().endsWith("/lookup");
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
