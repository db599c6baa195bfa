package com.clustertokens.remediation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jboss.logging.Logger;

import com.clustertokens.cluster.ClusterTokenClient;
import com.clustertokens.cluster.TokenMetadata;
import com.clustertokens.cluster.TokenUpdate;
import com.clustertokens.error.AwsUnavailableException;
import com.clustertokens.error.TokenFunctionException;
import com.clustertokens.error.TokenNotFoundException;
import com.clustertokens.remediation.ActionOutcome.Outcome;
import com.clustertokens.remediation.LedgerEntry.Action;
import com.clustertokens.remediation.LedgerEntry.Status;
import com.clustertokens.remediation.LedgerEntry.TokenState;
import com.clustertokens.remediation.Plan.Planned;

/**
 * Acts on a plan token by token and stops at the first surprise: the token is read again right before (left alone if
 * used, revoked or changed since the plan), recorded as started before it is sent and settled after. A failure that
 * may have followed the cluster's action (timeout, 5xx) is recorded as unknown, never as nothing done.
 */
final class Actions {

    private static final Logger LOG = Logger.getLogger(Actions.class);

    private final ClusterTokenClient cluster;
    private final Ledger ledger;
    private final String run;
    private final Instant now;

    Actions(ClusterTokenClient cluster, Ledger ledger, String run, Instant now) {
        this.cluster = cluster;
        this.ledger = ledger;
        this.run = run;
        this.now = now;
    }

    /** None starts once the cluster's lock ({@code held}) nears its expiry, when another run may take it over. */
    List<ActionOutcome> apply(Plan plan, Map<String, LedgerEntry> entries, RunLock.Held held,
            RemediationClock clock) {
        List<ActionOutcome> outcomes = new ArrayList<>();
        String stoppedBy = null;
        for (Planned planned : plan.inOrder()) {
            if (stoppedBy == null && !held.allowsActionAt(clock.now())) {
                stoppedBy = "its lock of the cluster nearing its expiry at " + held.until();
                outcomes.add(ActionOutcome.of(planned, Outcome.NOT_ATTEMPTED, "the run stopped: " + stoppedBy
                        + "; the next run takes it up"));
                continue;
            }
            if (stoppedBy != null) {
                outcomes.add(ActionOutcome.of(planned, Outcome.NOT_ATTEMPTED, "the run stopped after " + stoppedBy
                        + "; the next run takes it up"));
                continue;
            }
            ActionOutcome outcome;
            try {
                outcome = planned.action() == Action.DELETE
                        ? delete(planned, entries.get(planned.id()))
                        : revoke(planned, entries.get(planned.id()));
            } catch (AwsUnavailableException e) {
                outcome = ActionOutcome.of(planned, Outcome.NOT_ATTEMPTED, e.getMessage());
                stoppedBy = "the ledger could not be written";
            }
            if (outcome.stopsTheRun()) {
                LOG.warnf("%s %s %s (%s): %s - %s", RemediationService.FAILED_ACTION_MARKER, planned.action().wire(),
                        planned.id(), planned.name(), outcome.outcome().wire(), outcome.note());
                stoppedBy = Objects.requireNonNullElse(stoppedBy, "the " + planned.action().wire() + " of "
                        + planned.id() + " (" + outcome.outcome().wire() + ")");
            } else {
                LOG.infof("%s %s (%s): %s%s", planned.action().wire(), planned.id(), planned.name(),
                        outcome.outcome().wire(), outcome.note() == null ? "" : " - " + outcome.note());
            }
            outcomes.add(outcome);
        }
        return outcomes;
    }

    private ActionOutcome revoke(Planned planned, LedgerEntry entry) {
        TokenMetadata m;
        try {
            m = readOrNull(cluster, planned.id());
        } catch (TokenFunctionException e) {
            return skipped(planned, "not revoked: its metadata could not be read right before (" + e + ")");
        }
        if (entry != null && entry.status() == Status.SUPERSEDED) {
            String unlike = m == null || m.revoked() ? null : entry.before().changedSinceRotation(m);
            if (unlike != null) {
                // Someone tends the old token: the follow-up lets go of it rather than revoke what was not rotated.
                record(entry.releasedAt(now, run, unlike + "; not revoked", state(m)));
                return skipped(planned, unlike + "; not revoked, and no longer followed up");
            }
            if (m == null || m.revoked()) {
                record(m == null
                        ? entry.settled(Status.DELETED, now, run, LedgerEntry.Outcome.SETTLED,
                                "deleted by someone else", null, null, null)
                        : entry.settled(Status.REVOKED, now, run, LedgerEntry.Outcome.SETTLED,
                                "revoked by someone else; its delete follows", now, run, null));
            }
        }
        if (m == null || m.revoked()) {
            return skipped(planned, m == null
                    ? "deleted by someone else since the plan"
                    : "already revoked by someone else since the plan");
        }
        String changed = entry != null && entry.status() == Status.SUPERSEDED
                ? null
                : changedSince(m, planned, "the plan");
        if (changed != null) {
            return skipped(planned, changed + ": not revoked");
        }
        LedgerEntry base = Objects.requireNonNullElseGet(entry, () -> LedgerEntry.first(cluster.clusterName(),
                planned.id(), planned.name(), planned.owner()));
        LedgerEntry started = base.started(Action.REVOKE, now, run, planned.reason(), state(m));
        if (!ledger.write(started)) {
            return skipped(planned, "another run recorded an action on it meanwhile");
        }
        try {
            cluster.update(planned.id(), TokenUpdate.revoke());
        } catch (TokenNotFoundException gone) {
            record(started.settled(Status.DELETED, now, run, LedgerEntry.Outcome.FAILED,
                    "deleted by someone else (404)", null, null, null));
            return skipped(planned, "deleted by someone else right before the revoke (404)");
        } catch (TokenFunctionException e) {
            return afterFailure(planned, started, e, base.stored() ? base.status() : Status.RELEASED);
        }
        record(started.settled(Status.REVOKED, now, run, LedgerEntry.Outcome.DONE, null, now, run, null));
        return ActionOutcome.of(planned, Outcome.DONE, "revoked");
    }

    private ActionOutcome delete(Planned planned, LedgerEntry entry) {
        TokenMetadata m;
        try {
            m = readOrNull(cluster, planned.id());
        } catch (TokenFunctionException e) {
            return skipped(planned, "not deleted: its metadata could not be read right before (" + e + ")");
        }
        if (m == null) {
            record(entry.settled(Status.DELETED, now, run, LedgerEntry.Outcome.SETTLED, "deleted by someone else", null,
                    null, null));
            return skipped(planned, "already deleted by someone else");
        }
        String why = !m.revoked()
                ? "un-revoked by someone else since this system revoked it"
                : changedSince(m, planned, "it was revoked");
        if (why != null) {
            // Someone is using or tending it: this system lets go of it, never deletes it, and revokes it again only
            // once it was used after this and went stale again (the release records its last use).
            record(entry.releasedAt(now, run, why + "; not deleted", state(m)));
            return skipped(planned, why + "; not deleted, and no longer managed");
        }
        LedgerEntry started = entry.started(Action.DELETE, now, run, planned.reason(), null);
        if (!ledger.write(started)) {
            return skipped(planned, "another run recorded an action on it meanwhile");
        }
        try {
            cluster.delete(planned.id());
        } catch (TokenNotFoundException gone) {
            record(started.settled(Status.DELETED, now, run, LedgerEntry.Outcome.SETTLED, "already gone (404)", null,
                    null, null));
            return skipped(planned, "already deleted by someone else (404)");
        } catch (TokenFunctionException e) {
            return afterFailure(planned, started, e, Status.REVOKED);
        }
        record(started.settled(Status.DELETED, now, run, LedgerEntry.Outcome.DONE, null, null, null, null));
        return ActionOutcome.of(planned, Outcome.DONE, "deleted");
    }

    /** Unknown if it may have taken effect (the next run settles it), else failed: back to {@code previous}. */
    private ActionOutcome afterFailure(Planned planned, LedgerEntry started, TokenFunctionException e,
            Status previous) {
        if (e.isTransient()) {
            record(started.stillUnknown(now, run, e.toString()));
            return ActionOutcome.of(planned, Outcome.UNKNOWN, "sent, and its outcome is unknown (" + e
                    + "); recorded as unknown: the next run reads the token and records what happened, and never sends it blindly");
        }
        record(started.settled(previous, now, run, LedgerEntry.Outcome.FAILED, e.toString(), started.revokedAt(),
                started.revokedRun(), started.holdUntil()));
        return ActionOutcome.of(planned, Outcome.FAILED, e.toString());
    }

    /** If the ledger cannot be written, the entry stays UNKNOWN and the next run settles it from the token. */
    private void record(LedgerEntry settled) {
        try {
            if (!ledger.write(settled)) {
                LOG.warnf("Token %s: another run wrote its ledger entry meanwhile; it is settled from the token "
                        + "next run", settled.tokenId());
            }
        } catch (AwsUnavailableException e) {
            LOG.warnf("Token %s: its outcome could not be recorded (%s); the next run settles it from the token",
                    settled.tokenId(), e.getMessage());
        }
    }

    private static ActionOutcome skipped(Planned planned, String why) {
        return ActionOutcome.of(planned, Outcome.SKIPPED, why);
    }

    static TokenMetadata readOrNull(ClusterTokenClient cluster, String id) {
        try {
            return cluster.metadata(id);
        } catch (TokenNotFoundException gone) {
            return null;
        }
    }

    static TokenState state(TokenMetadata m) {
        return new TokenState(m.name(), m.userId(), instant(m.lastUse()), instant(m.created()), instant(m.expires()),
                m.scopes(), m.revoked());
    }

    /** Why the token read now is not the one planned, or null when it is the same: one used or changed is let be. */
    private static String changedSince(TokenMetadata now, Planned seen, String since) {
        Instant usedNow = instant(now.lastUse());
        if (!Objects.equals(usedNow, seen.lastUse())) {
            return "used since " + since + " (last use " + (seen.lastUse() == null ? "none" : seen.lastUse())
                    + ", now " + usedNow + ")";
        }
        if (seen.name() != null && !seen.name().equals(now.name())) {
            return "renamed since " + since + " (now " + now.name() + ")";
        }
        if (seen.owner() != null && !seen.owner().equals(now.userId())) {
            return "owner changed since " + since;
        }
        return seen.expires() != null && !seen.expires().equals(instant(now.expires()))
                ? "expiry changed since " + since
                : null;
    }

    private static Instant instant(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis);
    }
}
