package com.clustertokens.remediation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.clustertokens.error.WireName;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What this system did to one token of one cluster, as the ledger keeps it: its {@code status}, the action
 * {@code pending} while one is under way or its outcome is unknown, when it was revoked and by which run, how long
 * a restore holds it out of plans or deletes, the token's metadata right before the first action ({@code before})
 * and when this system let go of it ({@code released}), every action in {@code history}, and a {@code version}
 * that each write raises by one (the condition of the next).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LedgerEntry(String cluster, String tokenId, String name, String owner, Status status, Action pending,
        Instant pendingAt, String pendingRun, Instant revokedAt, String revokedRun, Instant holdUntil,
        TokenState before, Release released, List<Event> history, long version) {

    public enum Status {
        /**
         * Revoked by this system at {@code revokedAt}: deleted once due, unless used or changed meanwhile, or while
         * {@code holdUntil} (a restore asked for that did not take effect) has not passed.
         */
        REVOKED,
        /** Deleted by this system (or found gone while it acted). */
        DELETED,
        /** Un-revoked by restore-token: left out of plans until {@code holdUntil}. */
        RESTORED,
        /** An action was started and its outcome is not known yet: the next run reads the token to settle it. */
        UNKNOWN,
        /**
         * With {@code released}: this system revoked it, then let go because it was un-revoked, used or changed
         * before its delete; never deleted by this system, not revoked again until used after the release. Without
         * (its revoke failed or did not take effect, or {@link #first}, never stored): this system holds nothing on it.
         */
        RELEASED
    }

    /** What this system does to a token; {@link #CHECK} sends nothing (a token read to settle or let go of it). */
    public enum Action implements WireName {
        REVOKE, DELETE, RESTORE, CHECK;

        @JsonCreator
        static Action of(String wire) {
            return WireName.of(Action.class, wire, "an action");
        }
    }

    public enum Outcome implements WireName {
        STARTED, DONE, UNKNOWN, FAILED, SKIPPED, SETTLED
    }

    /** The token's metadata as read right before an action: what a later action checks it against. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TokenState(String name, String owner, Instant lastUse, Instant created, Instant expires,
            List<String> scopes, boolean revoked) {
    }

    /**
     * What this system saw when it let go of a token it had revoked: {@code lastUse} then (a later one shows it used
     * since), whether it was still revoked, and why.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Release(Instant at, Instant lastUse, boolean revoked, String why) {
    }

    /** One step of the token's history: what was done to it and with what outcome, and why. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Event(Instant at, String run, Action action, Outcome outcome, String reason) {
    }

    /** A token the ledger has never seen: RELEASED without a release, nothing held; the base of a first revoke. */
    static LedgerEntry first(String cluster, String tokenId, String name, String owner) {
        return new LedgerEntry(cluster, tokenId, name, owner, Status.RELEASED, null, null, null, null, null, null,
                null, null, List.of(), 0);
    }

    /** Whether the ledger holds it (a write was made); {@link #first} entries are not stored yet. */
    @JsonIgnore
    boolean stored() {
        return version > 0;
    }

    /** Started: {@code action} is under way, its outcome unknown until {@link #settled}. */
    LedgerEntry started(Action action, Instant at, String run, String reason, TokenState state) {
        return new LedgerEntry(cluster, tokenId, state != null && state.name() != null ? state.name() : name,
                state != null && state.owner() != null ? state.owner() : owner, Status.UNKNOWN, action, at, run,
                revokedAt, revokedRun, holdUntil, before == null || action == Action.REVOKE ? state : before, released,
                append(new Event(at, run, action, Outcome.STARTED, reason)), version + 1);
    }

    /** The same entry holding the token out of plans until {@code hold} (a restore's, set when it starts). */
    LedgerEntry holding(Instant hold) {
        return new LedgerEntry(cluster, tokenId, name, owner, status, pending, pendingAt, pendingRun, revokedAt,
                revokedRun, hold, before, released, history, version);
    }

    /** The pending action's outcome is still unknown after it was sent: kept UNKNOWN, with why. */
    LedgerEntry stillUnknown(Instant at, String run, String why) {
        return new LedgerEntry(cluster, tokenId, name, owner, Status.UNKNOWN, pending, pendingAt, pendingRun,
                revokedAt, revokedRun, holdUntil, before, released,
                append(new Event(at, run, pending, Outcome.UNKNOWN, why)), version + 1);
    }

    /**
     * Settled at {@code status}; a revoke sets its time and run, a restore its hold. A release is kept only while
     * the entry stays RELEASED (a revoke of it failed): a new revoke or a restore starts over.
     */
    LedgerEntry settled(Status status, Instant at, String run, Outcome outcome, String note, Instant revokedTime,
            String revokedBy, Instant hold) {
        Action action = pending != null ? pending : Action.CHECK;
        return new LedgerEntry(cluster, tokenId, name, owner, status, null, null, null, revokedTime, revokedBy, hold,
                before, status == Status.RELEASED ? released : null, append(new Event(at, run, action, outcome,
                        note)), version + 1);
    }

    /**
     * Let go of after this system's revoke, as the token read now ({@code seen}) shows: un-revoked, used or changed
     * by someone. When it was revoked stays recorded.
     */
    LedgerEntry releasedAt(Instant at, String run, String why, TokenState seen) {
        return new LedgerEntry(cluster, tokenId, name, owner, Status.RELEASED, null, null, null, revokedAt,
                revokedRun, null, before, new Release(at, seen.lastUse(), seen.revoked(), why),
                append(new Event(at, run, Action.CHECK, Outcome.SKIPPED, why)), version + 1);
    }

    private List<Event> append(Event event) {
        List<Event> events = new ArrayList<>(history);
        events.add(event);
        return List.copyOf(events);
    }
}
