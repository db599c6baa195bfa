package com.clustertokens.remediation;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import com.clustertokens.error.WireName;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What this system did to one token of one cluster, as the ledger keeps it; {@code before} is the token's metadata
 * right before the first action, and each write raises {@code version} by one (the condition of the next write).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LedgerEntry(String cluster, String tokenId, String name, String owner, Status status, Action pending,
        Instant pendingAt, String pendingRun, Instant revokedAt, String revokedRun, Instant holdUntil,
        TokenState before, Release released, List<Event> history, long version) {

    public enum Status {
        /** Deleted once due, unless used or changed meanwhile or held by a restore that did not take effect. */
        REVOKED,
        /** Deleted by this system (or found gone while it acted). */
        DELETED,
        /** Un-revoked by restore-token: left out of plans until {@code holdUntil}. */
        RESTORED,
        /** An action was started and its outcome is not known yet: the next run reads the token to settle it. */
        UNKNOWN,
        /**
         * With {@code released}: let go of after its revoke (un-revoked, used or changed), never deleted by this
         * system nor revoked again until used after the release. Without: this system holds nothing on it.
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

    /** What this system saw when it let go of a token it had revoked: a later {@code lastUse} shows it used since. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Release(Instant at, Instant lastUse, boolean revoked, String why) {
    }

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

    /** Settled at {@code status}; its release is kept only while RELEASED: a new revoke or restore starts over. */
    LedgerEntry settled(Status status, Instant at, String run, Outcome outcome, String note, Instant revokedTime,
            String revokedBy, Instant hold) {
        Action action = pending != null ? pending : Action.CHECK;
        return new LedgerEntry(cluster, tokenId, name, owner, status, null, null, null, revokedTime, revokedBy, hold,
                before, status == Status.RELEASED ? released : null, append(new Event(at, run, action, outcome,
                        note)), version + 1);
    }

    /** Let go of after this system's revoke, the token ({@code seen}) un-revoked, used or changed by someone. */
    LedgerEntry releasedAt(Instant at, String run, String why, TokenState seen) {
        return new LedgerEntry(cluster, tokenId, name, owner, Status.RELEASED, null, null, null, revokedAt,
                revokedRun, null, before, new Release(at, seen.lastUse(), seen.revoked(), why),
                append(new Event(at, run, Action.CHECK, Outcome.SKIPPED, why)), version + 1);
    }

    private List<Event> append(Event event) {
        return Stream.concat(history.stream(), Stream.of(event)).toList();
    }
}
