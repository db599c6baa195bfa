package com.clustertokens.remediation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.clustertokens.cluster.ClusterTokenClient;
import com.clustertokens.hygiene.census.NamePatterns;
import com.clustertokens.security.Masked;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The follow-up of rotations on one cluster, and nothing else: superseded tokens past their grace revoked, rotated
 * ones deleted {@code deleteAfter} later, with the actions' checks, the ledger's conditional writes and the
 * cluster's {@link RunLock}. What the person who rotated asked for, so done in any REMEDIATION_MODE.
 */
@ApplicationScoped
public class RotationFollowUps {

    /** What one follow-up run did ({@code actions}) and what is still to come ({@code upcoming}, {@code held}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(String cluster, String run, List<ActionOutcome> actions, List<Plan.Upcoming> upcoming,
            List<Plan.Held> held, @Masked List<String> notes, RunOutcome outcome) {
    }

    private final Ledger ledger;
    private final RemediationService remediation;
    private final RemediationClock clock;
    private final RunLock lock;

    public RotationFollowUps(Ledger ledger, RemediationService remediation, RemediationClock clock, RunLock lock) {
        this.ledger = ledger;
        this.remediation = remediation;
        this.clock = clock;
        this.lock = lock;
    }

    /**
     * Runs the follow-ups due on {@code cluster} ({@code onlyToken}: that token's alone, as its one-time schedule
     * asks); throws {@link com.clustertokens.error.RequestInProgressException} while another run holds the lock.
     */
    public Result run(ClusterTokenClient cluster, String onlyToken, String run) {
        Instant now = clock.now();
        RemediationPolicy policy = remediation.policy(cluster.cluster());
        RunLock.Held held = lock.take(cluster.clusterName(), run, now);
        try {
            Map<String, LedgerEntry> entries = new HashMap<>();
            ledger.entries(cluster.clusterName()).forEach((id, e) -> {
                // A SUPERSEDED entry without its rotation too, so the plan holds it with why.
                if (e.followedUpByRotation() || e.status() == LedgerEntry.Status.SUPERSEDED) {
                    entries.put(id, e);
                }
            });
            List<String> notes = new ArrayList<>();
            Doubts.settleAll(cluster, ledger, entries, run, now, notes);
            Plan plan = Planner.followUps(new Planner.Inputs(now, now, policy, NamePatterns.of(List.of(), List.of(),
                    new ArrayList<>()), cluster.caller().id(), entries), onlyToken);
            List<ActionOutcome> actions = new Actions(cluster, ledger, run, now).apply(plan, entries, held, clock);
            RunOutcome outcome = RunOutcome.of(run, true, null, actions);
            return new Result(cluster.clusterName(), run, actions, plan.upcoming(), plan.held(), notes, outcome);
        } finally {
            lock.release(held, clock.now());
        }
    }
}
