package com.clustertokens.remediation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import com.clustertokens.cluster.TokenMetadata;
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
        TokenState before, Release released, List<Event> history, long version, Rotation rotation) {

    /** An entry of no rotation, as every entry before rotate-token. */
    public LedgerEntry(String cluster, String tokenId, String name, String owner, Status status, Action pending,
            Instant pendingAt, String pendingRun, Instant revokedAt, String revokedRun, Instant holdUntil,
            TokenState before, Release released, List<Event> history, long version) {
        this(cluster, tokenId, name, owner, status, pending, pendingAt, pendingRun, revokedAt, revokedRun, holdUntil,
                before, released, history, version, null);
    }

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
        RELEASED,
        /**
         * Replaced by a rotation ({@code rotation}): revoked once {@code rotation.revokeDue} passes, whatever
         * REMEDIATION_MODE and the scope say (the person who rotated asked for it), then REVOKED like any revoke.
         */
        SUPERSEDED
    }

    /** What this system does to a token; {@link #CHECK} sends nothing (a token read to settle or let go of it). */
    public enum Action implements WireName {
        /** {@code ROTATE} records a rotation's hand-off; it sends nothing to the old token. */
        REVOKE, DELETE, RESTORE, CHECK, ROTATE;

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

        /**
         * Why {@code now} is not the token as rotated, or null. Its use is no reason: consumers keep using the old
         * token during the grace, which is what the grace is for.
         */
        String changedSinceRotation(TokenMetadata now) {
            if (name != null && !name.equals(now.name())) {
                return "renamed since the rotation (now " + now.name() + ")";
            }
            if (owner != null && !owner.equals(now.userId())) {
                return "owner changed since the rotation";
            }
            if (scopes != null && !Set.copyOf(scopes).equals(now.scopes() == null
                    ? Set.of()
                    : Set.copyOf(now.scopes()))) {
                return "scopes changed since the rotation";
            }
            Instant expiresNow = now.expires() == null ? null : Instant.ofEpochMilli(now.expires());
            return !Objects.equals(expires, expiresNow) ? "expiry changed since the rotation" : null;
        }
    }

    /** What this system saw when it let go of a token it had revoked: a later {@code lastUse} shows it used since. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Release(Instant at, Instant lastUse, boolean revoked, String why) {
    }

    /**
     * The rotation that superseded the token; while an entry carries it, its revoke and delete are the rotation's
     * follow-up, done in any REMEDIATION_MODE and outside the scope. {@code run} is {@code rotation-<replacement>}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rotation(String supersededBy, Instant rotatedAt, Instant revokeDue, String requester, String run) {
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
                append(new Event(at, run, action, Outcome.STARTED, reason)), version + 1, rotation);
    }

    /** The same entry holding the token out of plans until {@code hold} (a restore's, set when it starts). */
    LedgerEntry holding(Instant hold) {
        return new LedgerEntry(cluster, tokenId, name, owner, status, pending, pendingAt, pendingRun, revokedAt,
                revokedRun, hold, before, released, history, version, rotation);
    }

    /** The pending action's outcome is still unknown after it was sent: kept UNKNOWN, with why. */
    LedgerEntry stillUnknown(Instant at, String run, String why) {
        return new LedgerEntry(cluster, tokenId, name, owner, Status.UNKNOWN, pending, pendingAt, pendingRun,
                revokedAt, revokedRun, holdUntil, before, released,
                append(new Event(at, run, pending, Outcome.UNKNOWN, why)), version + 1, rotation);
    }

    /** Settled at {@code status}; its release is kept only while RELEASED: a new revoke or restore starts over. */
    LedgerEntry settled(Status status, Instant at, String run, Outcome outcome, String note, Instant revokedTime,
            String revokedBy, Instant hold) {
        Action action = pending != null ? pending : Action.CHECK;
        return new LedgerEntry(cluster, tokenId, name, owner, status, null, null, null, revokedTime, revokedBy, hold,
                before, status == Status.RELEASED ? released : null, append(new Event(at, run, action, outcome,
                        note)), version + 1, rotation);
    }

    /** Let go of after this system's revoke, the token ({@code seen}) un-revoked, used or changed by someone. */
    LedgerEntry releasedAt(Instant at, String run, String why, TokenState seen) {
        return new LedgerEntry(cluster, tokenId, name, owner, Status.RELEASED, null, null, null, revokedAt,
                revokedRun, null, before, new Release(at, seen.lastUse(), seen.revoked(), why),
                append(new Event(at, run, Action.CHECK, Outcome.SKIPPED, why)), version + 1, rotation);
    }

    /**
     * {@code stored} (absent: a token the ledger has not seen) marked SUPERSEDED by {@code rotation}; {@code m} is
     * the old token as read at the rotation, what the follow-up checks it against. Pending and held state starts over.
     */
    public static LedgerEntry superseded(String cluster, Optional<LedgerEntry> stored,
            TokenMetadata m, Rotation rotation) {
        LedgerEntry base = stored.orElseGet(() -> first(cluster, m.id(), m.name(), m.userId()));
        return new LedgerEntry(cluster, m.id(), m.name(), m.userId(), Status.SUPERSEDED, null, null, null, null, null,
                null, Actions.state(m), null, base.append(new Event(rotation.rotatedAt(), rotation.run(),
                        Action.ROTATE, Outcome.DONE, "replaced by " + rotation.supersededBy() + "; revoke due "
                                + rotation.revokeDue())), base.version() + 1, rotation);
    }

    /** Whether the rotation that superseded it follows it up: revoke when due, delete after, in any mode. */
    @JsonIgnore
    public boolean followedUpByRotation() {
        return rotation != null && (status == Status.SUPERSEDED || status == Status.REVOKED
                || status == Status.UNKNOWN);
    }

    private List<Event> append(Event event) {
        return Stream.concat(history.stream(), Stream.of(event)).toList();
    }
}
