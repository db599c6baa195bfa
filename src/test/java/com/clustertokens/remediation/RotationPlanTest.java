package com.clustertokens.remediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.clustertokens.hygiene.census.NamePatterns;
import com.clustertokens.hygiene.report.HygieneReport.StaleToken;
import com.clustertokens.hygiene.report.StalePeriod;
import com.clustertokens.remediation.LedgerEntry.Action;
import com.clustertokens.remediation.LedgerEntry.Status;

/**
 * A superseded token in remediation's plan: revoked once its grace ends whatever the scope, exclusions and its use
 * say, never before; listed as upcoming meanwhile, held if the census finds it stale.
 */
class RotationPlanTest {

    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
    // A scope no token matches, and keep-* excluded: neither holds a rotation's follow-up back.
    private static final RemediationPolicy POLICY = new RemediationPolicy(StalePeriod.parseOrNull("P90D"),
            StalePeriod.parseOrNull("P14D"), 5, List.of("keep-*"), StalePeriod.parseOrNull("P30D"), scope());

    @Test
    void aSupersededTokenPastItsGraceIsPlannedForRevokeOutsideTheScopeAndExcludedByName() {
        Plan plan = plan(Map.of("a", superseded("a", "keep-ci", NOW.minus(Duration.ofMinutes(1)))), List.of());

        assertThat(plan.revoke()).singleElement().satisfies(p -> {
            assertThat(p.action()).isEqualTo(Action.REVOKE);
            assertThat(p.id()).isEqualTo("a");
            assertThat(p.reason()).startsWith("rotated on ").contains("grace ended", "replaced by new-a");
        });
        assertThat(plan.upcoming()).isEmpty();
    }

    @Test
    void beforeItsGraceEndsItIsUpcomingOrHeldIfStaleAndNeverRevoked() {
        Instant due = NOW.plus(Duration.ofDays(3));
        Plan plan = plan(Map.of("a", superseded("a", "ci", due), "b", superseded("b", "stale-ci", due)),
                List.of(new StaleToken("b", "stale-ci", "dormant", "bob", NOW.minus(Duration.ofDays(200)),
                        NOW.minus(Duration.ofDays(400)), null, null)));

        assertThat(plan.revoke()).isEmpty();
        assertThat(plan.upcoming()).singleElement().satisfies(u -> {
            assertThat(u.id()).isEqualTo("a");
            assertThat(u.revokeAt()).isEqualTo(due);
            assertThat(u.deleteAt()).isEqualTo(due.plus(Duration.ofDays(14)));
        });
        assertThat(plan.held()).singleElement().satisfies(h -> {
            assertThat(h.id()).isEqualTo("b");
            assertThat(h.why()).isEqualTo("rotated; revoked at " + due);
        });
    }

    @Test
    void aRotatedTokenIsDeletedOutsideTheScopeButARevokeOfRemediationsOwnIsNot() {
        LedgerEntry rotated = revoked(superseded("r", "ci", NOW.minus(Duration.ofDays(20))));
        LedgerEntry remediations = new LedgerEntry("c", "m", "job-m", "bob", Status.REVOKED, null, null, null,
                NOW.minus(Duration.ofDays(20)), "run", null, null, null, List.of(), 2);

        Plan plan = plan(Map.of("r", rotated, "m", remediations), List.of());

        assertThat(plan.delete()).extracting(Plan.Planned::id).containsExactly("r");
        assertThat(plan.delete().get(0).reason()).startsWith("rotated, then revoked by this system");
        assertThat(plan.held()).extracting(Plan.Held::id).containsExactly("m");
        assertThat(Planner.followUps(inputs(Map.of("r", rotated, "m", remediations)), null).delete())
                .extracting(Plan.Planned::id).containsExactly("r");
        assertThat(Planner.followUps(inputs(Map.of("r", rotated, "m", remediations)), "m").actions()).isZero();
    }

    @Test
    void neverPlansTheFunctionsOwnTokenEvenWhenARotationSupersededIt() {
        Plan plan = plan(Map.of("own", superseded("own", "admin", NOW.minus(Duration.ofDays(1)))), List.of());

        assertThat(plan.revoke()).isEmpty();
        assertThat(plan.held()).extracting(Plan.Held::why).containsExactly("the API token this function calls with");
    }

    @Test
    void aSupersededEntryWithoutItsRotationOrItsBeforeIsHeldWithWhyAndNeverPlanned() {
        LedgerEntry due = superseded("r", "ci", NOW.minus(Duration.ofDays(1)));
        LedgerEntry noRotation = withRotationAndBefore(due, "r", null, due.before());
        LedgerEntry noBefore = withRotationAndBefore(due, "b", due.rotation(), null);
        Map<String, LedgerEntry> ledger = Map.of("r", noRotation, "b", noBefore);

        // "r" is also stale by the census: still held once, never revoked as a stale token.
        Plan plan = plan(ledger, List.of(new StaleToken("r", "ci", "dormant", "bob", NOW.minus(Duration.ofDays(200)),
                NOW.minus(Duration.ofDays(400)), null, null)));
        Plan followUps = Planner.followUps(inputs(ledger), null);

        for (Plan each : List.of(plan, followUps)) {
            assertThat(each.actions()).isZero();
            assertThat(each.upcoming()).isEmpty();
            assertThat(each.held()).extracting(Plan.Held::id, Plan.Held::why).containsExactlyInAnyOrder(
                    tuple("r", "superseded, but its ledger entry lacks its rotation "
                            + "record (replacement, revoke due): never revoked or deleted by this system; check the "
                            + "entry, then rotate again or restore-token"),
                    tuple("b", "superseded, but its ledger entry lacks the token's "
                            + "metadata as rotated (before): never revoked or deleted by this system; check the "
                            + "entry, then rotate again or restore-token"));
        }
    }

    @Test
    void theRotationsFollowUpsNeverCountTowardMaxActionsAndComeFirst() {
        Map<String, LedgerEntry> ledger = Map.of("a", superseded("a", "ci", NOW.minus(Duration.ofMinutes(1))),
                "r", revoked(superseded("r", "ci-old", NOW.minus(Duration.ofDays(20)))));
        RemediationPolicy everyone = new RemediationPolicy(POLICY.revokeAfter(), POLICY.deleteAfter(), 5,
                List.of(), POLICY.restoreHold(), RemediationScope.of(null, List.of("*"), "REMEDIATION_SCOPE_OWNERS",
                        "REMEDIATION_SCOPE_NAMES", "set one", new ArrayList<>()));

        Plan atTheCap = Planner.plan(inputs(ledger, everyone), stale(5), List.of());
        Plan overTheCap = Planner.plan(inputs(ledger, everyone), stale(6), List.of());

        assertThat(atTheCap.actions()).isEqualTo(7);
        assertThat(atTheCap.countedActions()).isEqualTo(5);
        assertThat(atTheCap.exceedsMaxActions()).isFalse();
        assertThat(atTheCap.inOrder()).extracting(Plan.Planned::id).startsWith("r", "a").hasSize(7);
        assertThat(atTheCap.inOrder().subList(0, 2)).extracting(Plan.Planned::rotation).containsOnly(true);
        assertThat(atTheCap.inOrder().subList(2, 7)).extracting(Plan.Planned::rotation).containsOnlyNulls();
        assertThat(overTheCap.exceedsMaxActions()).isTrue();
        assertThat(overTheCap.followUpsOnly().inOrder()).extracting(Plan.Planned::action, Plan.Planned::id)
                .containsExactly(tuple(Action.DELETE, "r"),
                        tuple(Action.REVOKE, "a"));
        assertThat(overTheCap.followUpsOnly().exceedsMaxActions()).isFalse();
    }

    private static List<StaleToken> stale(int count) {
        List<StaleToken> tokens = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tokens.add(new StaleToken("s" + i, "job-" + i, "dormant", "carol", NOW.minus(Duration.ofDays(200)),
                    NOW.minus(Duration.ofDays(400)), null, null));
        }
        return tokens;
    }

    private static LedgerEntry withRotationAndBefore(LedgerEntry e, String id, LedgerEntry.Rotation rotation,
            LedgerEntry.TokenState before) {
        return new LedgerEntry(e.cluster(), id, e.name(), e.owner(), Status.SUPERSEDED, null, null, null, null, null,
                null, before, null, List.of(), 1, rotation);
    }

    private static Planner.Inputs inputs(Map<String, LedgerEntry> ledger, RemediationPolicy policy) {
        return new Planner.Inputs(NOW, NOW.minus(Duration.ofDays(90)), policy, NamePatterns.of(List.of("Mobile"),
                List.of(), new ArrayList<>()), "own", ledger);
    }

    private static Plan plan(Map<String, LedgerEntry> ledger, List<StaleToken> candidates) {
        return Planner.plan(inputs(ledger), candidates, List.of());
    }

    private static Planner.Inputs inputs(Map<String, LedgerEntry> ledger) {
        return new Planner.Inputs(NOW, NOW.minus(Duration.ofDays(90)), POLICY, NamePatterns.of(List.of("Mobile"),
                POLICY.exclude(), new ArrayList<>()), "own", ledger);
    }

    private static LedgerEntry superseded(String id, String name, Instant revokeDue) {
        LedgerEntry.Rotation rotation = new LedgerEntry.Rotation("new-" + id, revokeDue.minus(Duration.ofDays(7)),
                revokeDue, "alice", "rotation-new-" + id);
        return new LedgerEntry("c", id, name, "bob", Status.SUPERSEDED, null, null, null, null, null, null,
                new LedgerEntry.TokenState(name, "bob", NOW.minus(Duration.ofDays(1)), NOW.minus(Duration.ofDays(
                        100)), null, List.of("settings.read"), false), null, List.of(), 1, rotation);
    }

    private static LedgerEntry revoked(LedgerEntry e) {
        return new LedgerEntry(e.cluster(), e.tokenId(), e.name(), e.owner(), Status.REVOKED, null, null, null,
                e.rotation().revokeDue(), "follow-up", null, e.before(), null, List.of(), 3, e.rotation());
    }

    private static RemediationScope scope() {
        List<String> problems = new ArrayList<>();
        RemediationScope scope = RemediationScope.of(List.of("nobody-at-all"), null, "REMEDIATION_SCOPE_OWNERS",
                "REMEDIATION_SCOPE_NAMES", "set REMEDIATION_SCOPE_OWNERS", problems);
        assertThat(problems).isEmpty();
        return scope;
    }
}
