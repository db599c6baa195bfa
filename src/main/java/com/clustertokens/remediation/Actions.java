package com.clustertokens.remediation;

import java.time.Instant;

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
import com.clustertokens.remediation.Plan.Planned;

/**
 * Check, then act, then record: right before an action the token is read again and left alone if it was used,
 * revoked by someone else or changed since it was planned; the action is recorded as started before it is sent
 * and settled after. A failure that may have followed the cluster's action (timeout, 5xx) is recorded as unknown,
 * never as nothing done.
 */
final class Actions {

    private static final Logger LOG = Logger.getLogger(Actions.class);

    private final ClusterTokenClient cluster;
    private final Ledger ledger;
    private final String clusterKey;
    private final String run;
    private final Instant now;

    Actions(ClusterTokenClient cluster, Ledger ledger, String clusterKey, String run, Instant now) {
        this.cluster = cluster;
        this.ledger = ledger;
        this.clusterKey = clusterKey;
        this.run = run;
        this.now = now;
    }

    /** Revokes a planned token unless the check finds it changed; {@code entry} is its ledger entry, or null. */
    ActionOutcome revoke(Planned planned, LedgerEntry entry) {
        TokenMetadata m;
        try {
            m = TokenReads.readOrNull(cluster, planned.id());
        } catch (TokenFunctionException e) {
            return ActionOutcome.of(planned, Outcome.SKIPPED, "not revoked: its metadata could not be read right "
                    + "before (" + e + ")");
        }
        if (m == null) {
            return ActionOutcome.of(planned, Outcome.SKIPPED, "deleted by someone else since the plan");
        }
        if (m.revoked()) {
            return ActionOutcome.of(planned, Outcome.SKIPPED, "already revoked by someone else since the plan");
        }
        String changed = TokenReads.changedSince(m, planned.name(), planned.owner(), planned.lastUse(),
                planned.expires(), "the plan");
        if (changed != null) {
            return ActionOutcome.of(planned, Outcome.SKIPPED, changed + ": not revoked");
        }
        LedgerEntry base = entry != null
                ? entry
                : LedgerEntry.first(clusterKey, planned.id(), planned.name(),
                        planned.owner());
        LedgerEntry started = base.started(Action.REVOKE, now, run, planned.reason(), TokenReads.state(m));
        if (!ledger.write(started)) {
            return ActionOutcome.of(planned, Outcome.SKIPPED, "another run recorded an action on it meanwhile");
        }
        try {
            cluster.update(planned.id(), TokenUpdate.revoke());
        } catch (TokenNotFoundException gone) {
            record(started.settled(Status.DELETED, now, run, LedgerEntry.Outcome.FAILED,
                    "deleted by someone else (404)", null, null, null));
            return ActionOutcome.of(planned, Outcome.SKIPPED, "deleted by someone else right before the revoke (404)");
        } catch (TokenFunctionException e) {
            return afterFailure(planned, started, e, base.stored() ? base.status() : Status.RELEASED);
        }
        record(started.settled(Status.REVOKED, now, run, LedgerEntry.Outcome.DONE, null, now, run, null));
        return ActionOutcome.of(planned, Outcome.DONE, "revoked");
    }

    /** Deletes a token this system revoked unless the check finds it un-revoked, used or changed since. */
    ActionOutcome delete(Planned planned, LedgerEntry entry) {
        TokenMetadata m;
        try {
            m = TokenReads.readOrNull(cluster, planned.id());
        } catch (TokenFunctionException e) {
            return ActionOutcome.of(planned, Outcome.SKIPPED, "not deleted: its metadata could not be read right "
                    + "before (" + e + ")");
        }
        if (m == null) {
            record(entry.settled(Status.DELETED, now, run, LedgerEntry.Outcome.SETTLED, "deleted by someone else", null,
                    null, null));
            return ActionOutcome.of(planned, Outcome.SKIPPED, "already deleted by someone else");
        }
        String why = !m.revoked()
                ? "un-revoked by someone else since this system revoked it"
                : TokenReads.changedSince(m, planned.name(), planned.owner(), planned.lastUse(), planned.expires(),
                        "it was revoked");
        if (why != null) {
            // Someone is using or tending it: this system lets go of it, never deletes it, and revokes it again only
            // once it was used after this and went stale again (the release records its last use).
            record(entry.releasedAt(now, run, why + "; not deleted", TokenReads.state(m)));
            return ActionOutcome.of(planned, Outcome.SKIPPED, why + "; not deleted, and no longer managed");
        }
        LedgerEntry started = entry.started(Action.DELETE, now, run, planned.reason(), null);
        if (!ledger.write(started)) {
            return ActionOutcome.of(planned, Outcome.SKIPPED, "another run recorded an action on it meanwhile");
        }
        try {
            cluster.delete(planned.id());
        } catch (TokenNotFoundException gone) {
            record(started.settled(Status.DELETED, now, run, LedgerEntry.Outcome.SETTLED, "already gone (404)", null,
                    null, null));
            return ActionOutcome.of(planned, Outcome.SKIPPED, "already deleted by someone else (404)");
        } catch (TokenFunctionException e) {
            return afterFailure(planned, started, e, Status.REVOKED);
        }
        record(started.settled(Status.DELETED, now, run, LedgerEntry.Outcome.DONE, null, null, null, null));
        return ActionOutcome.of(planned, Outcome.DONE, "deleted");
    }

    /**
     * A failed action: unknown if the request may have taken effect (recorded so, the next run settles it), else
     * failed, and the entry goes back to {@code previous}.
     */
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

    /**
     * Records a settled entry. If the ledger cannot be written, the entry stays as started (UNKNOWN) and the next
     * run settles it from the token: the action is never repeated blindly.
     */
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
}
