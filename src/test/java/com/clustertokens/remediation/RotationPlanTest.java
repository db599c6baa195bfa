package com.clustertokens.remediation;

import static org.assertj.core.api.Assertions.assertThat;

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
