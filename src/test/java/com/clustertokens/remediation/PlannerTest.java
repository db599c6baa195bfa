package com.clustertokens.remediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.clustertokens.hygiene.census.NamePatterns;
import com.clustertokens.hygiene.report.HygieneReport.StaleToken;
import com.clustertokens.hygiene.report.StalePeriod;
import com.clustertokens.remediation.LedgerEntry.Action;
import com.clustertokens.remediation.LedgerEntry.Status;

/** What the planner leaves alone, and why; it reads and sends nothing, so these need no cluster. */
class PlannerTest {

    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant CUTOFF = NOW.minus(Duration.ofDays(90));
    private static final RemediationPolicy POLICY = policy(scope(null, List.of("*")));

    private final Map<String, LedgerEntry> ledger = new HashMap<>();
    private RemediationPolicy policy = POLICY;

    @Test
    void plansAVerifiedStaleTokenWithItsReason() {
        Plan plan = plan(List.of(stale("a", "old-job", days(200), days(400))));

        assertThat(plan.revoke()).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo("a");
            assertThat(p.reason()).startsWith("not used since " + days(200)).contains("revokeAfter P90D");
        });
    }

    @Test
    void neverPlansTheOwnTokenExcludedNamesOrTheClustersOwnTokens() {
        Plan plan = plan(List.of(stale("own", "admin", days(200), days(400)),
                stale("k", "keep-this", days(200), days(400)), stale("m", "Mobile", days(200), days(400))));

        assertThat(plan.revoke()).isEmpty();
        assertThat(plan.held()).extracting(Plan.Held::why).containsExactly("the API token this function calls with",
                "excluded: matches 'keep-*'", "excluded: created by the cluster");
    }

    @Test
    void neverPlansAnUnverifiedTokenOrOneCreatedAfterTheCutoff() {
        Plan plan = plan(List.of(stale("u", "unread", null, null), stale("n", "new", null, days(10)),
                stale("r", "recent", days(30), days(400))));

        assertThat(plan.revoke()).isEmpty();
        assertThat(plan.held()).extracting(Plan.Held::id).containsExactly("u");
    }

    @Test
    void leavesARestoredTokenAloneUntilItsHoldEnds() {
        ledger.put("a", entry("a", Status.RESTORED, null, NOW.plus(Duration.ofDays(1))));
        ledger.put("b", entry("b", Status.RESTORED, null, NOW.minus(Duration.ofDays(1))));

        Plan plan = plan(List.of(stale("a", "job-a", days(200), days(400)), stale("b", "job-b", days(200),
                days(400))));

        assertThat(plan.revoke()).extracting(Plan.Planned::id).containsExactly("b");
        assertThat(plan.held()).extracting(Plan.Held::why).singleElement().asString().startsWith("restored");
    }

    @Test
    void deletesOnlyLedgerRevokedTokensOnceDueAndSchedulesTheRest() {
        ledger.put("due", entry("due", Status.REVOKED, NOW.minus(Duration.ofDays(14)), null));
        ledger.put("later", entry("later", Status.REVOKED, NOW.minus(Duration.ofDays(3)), null));
        ledger.put("gone", entry("gone", Status.DELETED, NOW.minus(Duration.ofDays(30)), null));

        Plan plan = Planner.plan(inputs(), List.of(), List.of(revoked("due"), revoked("later"), revoked("person")));

        assertThat(plan.delete()).extracting(Plan.Planned::id).containsExactly("due");
        assertThat(plan.upcoming()).singleElement().satisfies(u -> {
            assertThat(u.id()).isEqualTo("later");
            assertThat(u.deleteAt()).isEqualTo(NOW.plus(Duration.ofDays(11)));
        });
        assertThat(plan.held()).extracting(Plan.Held::id).containsExactly("person");
    }

    @Test
    void deletesARevokedTokenWhoseRestoreDidNotTakeEffectOnlyOnceItsHoldHasPassed() {
        ledger.put("held", entry("held", Status.REVOKED, NOW.minus(Duration.ofDays(20)), NOW.plus(Duration.ofDays(1))));
        ledger.put("past", entry("past", Status.REVOKED, NOW.minus(Duration.ofDays(40)), NOW.minus(Duration.ofDays(
                1))));

        Plan plan = Planner.plan(inputs(), List.of(), List.of(revoked("held"), revoked("past")));

        assertThat(plan.delete()).extracting(Plan.Planned::id).containsExactly("past");
        assertThat(plan.held()).singleElement().satisfies(h -> {
            assertThat(h.id()).isEqualTo("held");
            assertThat(h.why()).isEqualTo("a restore was asked for and did not take effect: not deleted before "
                    + NOW.plus(Duration.ofDays(1)) + "; restore-token again un-revokes it");
        });
    }

    @Test
    void holdsATokenInDoubtUntilARunSettlesIt() {
        LedgerEntry doubt = LedgerEntry.first("c", "d", "job-d", "bob").started(Action.REVOKE, days(1), "run", "r",
                null);
        ledger.put("d", doubt);

        Plan plan = plan(List.of(stale("d", "job-d", days(200), days(400))));

        assertThat(plan.revoke()).isEmpty();
        assertThat(plan.held()).extracting(Plan.Held::why).singleElement().asString().startsWith("in doubt");
    }

    @Test
    void leavesAReleasedTokenAloneUntilItIsUsedAfterItsReleaseAndThenStale() {
        ledger.put("same", released("same", days(200)));
        ledger.put("used", released("used", days(200)));
        ledger.put("never", released("never", null));

        Plan plan = plan(List.of(stale("same", "job-same", days(200), days(400)), stale("used", "job-used",
                days(100), days(400)), stale("never", "job-never", null, days(400))));

        assertThat(plan.revoke()).extracting(Plan.Planned::id).containsExactly("used");
        assertThat(plan.held()).extracting(Plan.Held::id).containsExactly("same", "never");
        assertThat(plan.held()).extracting(Plan.Held::why).allSatisfy(why -> assertThat(why).startsWith(
                "released at " + days(20) + " (un-revoked by someone else): not revoked again until it is used"));
    }

    @Test
    void plansATokenWhoseFirstRevokeFailedAsIfTheLedgerHadNoEntry() {
        ledger.put("f", entry("f", Status.RELEASED, null, null));

        Plan plan = plan(List.of(stale("f", "job-f", days(200), days(400))));

        assertThat(plan.revoke()).extracting(Plan.Planned::id).containsExactly("f");
        assertThat(plan.held()).isEmpty();
    }

    @Test
    void reportsATokenReleasedWhileStillRevokedAsThisSystemsRevokeThatRestoreTokenUndoes() {
        ledger.put("r", released("r", days(200)));
        ledger.put("f", entry("f", Status.RELEASED, null, null));

        Plan plan = Planner.plan(inputs(), List.of(), List.of(revoked("r"), revoked("f")));

        assertThat(plan.delete()).isEmpty();
        assertThat(plan.held()).extracting(Plan.Held::why).containsExactly("revoked by this system at " + days(34)
                + ", released at " + days(20) + " (un-revoked by someone else): never deleted by this system; "
                + "restore-token un-revokes it", "revoked by someone else: reported, never deleted by this system");
    }

    @Test
    void exceedsMaxActionsWhenThePlanHoldsMore() {
        List<StaleToken> many = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            many.add(stale("t" + i, "job-" + i, days(200), days(400)));
        }

        Plan plan = plan(many);

        assertThat(plan.actions()).isEqualTo(6);
        assertThat(plan.exceedsMaxActions()).isTrue();
    }

    @Test
    void holdsEveryCandidateOutsideTheScopeWithWhyAndPlansOnlyThoseInside() {
        policy = policy(scope(List.of("bob", "svc-*"), List.of("job-*")));

        Plan plan = plan(List.of(stale("in", "job-in", "bob", days(200), days(400)),
                stale("svc", "job-svc", "svc-ci", days(200), days(400)),
                stale("name", "backup-db", "bob", days(200), days(400)),
                stale("owner", "job-alice", "alice", days(200), days(400)),
                stale("nobody", "job-unowned", null, days(200), days(400))));

        assertThat(plan.revoke()).extracting(Plan.Planned::id).containsExactly("in", "svc");
        assertThat(plan.held()).extracting(Plan.Held::id, Plan.Held::why).containsExactly(
                tuple("name", "outside remediation scope: its name matches no pattern of REMEDIATION_SCOPE_NAMES"),
                tuple("owner", "outside remediation scope: its owner matches no entry of REMEDIATION_SCOPE_OWNERS"),
                tuple("nobody", "outside remediation scope: its owner matches no entry of REMEDIATION_SCOPE_OWNERS"));
    }

    @Test
    void holdsEveryCandidateWhenNoScopeIsSet() {
        policy = policy(scope(null, null));

        Plan plan = plan(List.of(stale("a", "job-a", days(200), days(400)), stale("b", "InstallerDownload2",
                days(200), days(400))));

        assertThat(plan.revoke()).isEmpty();
        assertThat(plan.held()).extracting(Plan.Held::id).containsExactly("a", "b");
        assertThat(plan.held()).extracting(Plan.Held::why).allSatisfy(why -> assertThat(why)
                .startsWith("outside remediation scope: no scope is set"));
    }

    @Test
    void neverDeletesARevokedTokenOnceItIsOutsideTheScope() {
        policy = policy(scope(List.of("alice"), null));
        ledger.put("due", entry("due", Status.REVOKED, NOW.minus(Duration.ofDays(14)), null));

        Plan plan = Planner.plan(inputs(), List.of(), List.of(revoked("due")));

        assertThat(plan.delete()).isEmpty();
        assertThat(plan.held()).extracting(Plan.Held::id, Plan.Held::why).containsExactly(tuple("due",
                "outside remediation scope: its owner matches no entry of REMEDIATION_SCOPE_OWNERS"));
    }

    @Test
    void letsAStarOwnerScopeStatedOnPurposeMatchAnOwnerTheMetadataDoesNotGive() {
        policy = policy(scope(List.of("*"), null));

        Plan plan = plan(List.of(stale("nobody", "job-unowned", null, days(200), days(400))));

        assertThat(plan.revoke()).extracting(Plan.Planned::id).containsExactly("nobody");
    }

    private Plan plan(List<StaleToken> candidates) {
        return Planner.plan(inputs(), candidates, List.of());
    }

    private Planner.Inputs inputs() {
        return new Planner.Inputs(NOW, CUTOFF, policy, NamePatterns.of(List.of("InstallerDownload", "Mobile"),
                policy.exclude(), new ArrayList<>()), "own", ledger);
    }

    private static RemediationPolicy policy(RemediationScope scope) {
        return new RemediationPolicy(StalePeriod.parseOrNull("P90D"), StalePeriod.parseOrNull("P14D"), 5,
                List.of("keep-*"), StalePeriod.parseOrNull("P30D"), scope);
    }

    private static RemediationScope scope(List<String> owners, List<String> names) {
        List<String> problems = new ArrayList<>();
        RemediationScope scope = RemediationScope.of(owners, names, "REMEDIATION_SCOPE_OWNERS",
                "REMEDIATION_SCOPE_NAMES", "set REMEDIATION_SCOPE_OWNERS", problems);
        assertThat(problems).isEmpty();
        return scope;
    }

    private static LedgerEntry entry(String id, Status status, Instant revokedAt, Instant hold) {
        return new LedgerEntry("c", id, "job-" + id, "bob", status, null, null, null, revokedAt, "run", hold,
                null, null, List.of(), 2);
    }

    private static LedgerEntry released(String id, Instant lastUseThen) {
        return new LedgerEntry("c", id, "job-" + id, "bob", Status.RELEASED, null, null, null, days(34), "run", null,
                null, new LedgerEntry.Release(days(20), lastUseThen, false, "un-revoked by someone else"), List.of(),
                3);
    }

    private static StaleToken stale(String id, String name, Instant lastUse, Instant created) {
        return stale(id, name, "bob", lastUse, created);
    }

    private static StaleToken stale(String id, String name, String owner, Instant lastUse, Instant created) {
        return new StaleToken(id, name, lastUse == null ? "noRecordedUse" : "dormant", owner, lastUse, created, null,
                null);
    }

    private static StaleToken revoked(String id) {
        return new StaleToken(id, "job-" + id, "dormant", "bob", days(300), days(400), null, true);
    }

    private static Instant days(long ago) {
        return NOW.minus(Duration.ofDays(ago));
    }
}
