package com.clustertokens.remediation;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jboss.logging.Logger;

import com.clustertokens.cluster.ClusterTokenClient;
import com.clustertokens.cluster.TokenMetadata;
import com.clustertokens.error.TokenFunctionException;
import com.clustertokens.remediation.LedgerEntry.Action;
import com.clustertokens.remediation.LedgerEntry.Outcome;
import com.clustertokens.remediation.LedgerEntry.Status;

/**
 * Settles an UNKNOWN entry (an action started whose outcome was not recorded: a timeout, a 5xx, a run cut off) from
 * what the token's metadata says now; the action is never sent again blindly.
 */
final class Doubts {

    private static final Logger LOG = Logger.getLogger(Doubts.class);

    private Doubts() {
    }

    record Settled(LedgerEntry entry, String note) {
    }

    /** The entry settled from the token (not yet written), or unchanged while the token cannot be read. */
    static Settled settle(ClusterTokenClient cluster, LedgerEntry entry, String run, Instant now) {
        TokenMetadata m;
        try {
            m = Actions.readOrNull(cluster, entry.tokenId());
        } catch (TokenFunctionException e) {
            return new Settled(entry, "still in doubt: its metadata could not be read (" + e + ")");
        }
        if (m == null) {
            return settled(entry, Status.DELETED, run, now, entry.pending() == Action.DELETE
                    ? "the delete took effect (the token is gone)"
                    : "the token is gone: deleted by someone else", null, null, null);
        }
        return switch (entry.pending()) {
            case REVOKE -> m.revoked()
                    ? settled(entry, Status.REVOKED, run, now, "the revoke took effect", entry.pendingAt(),
                            entry.pendingRun(), null)
                    : settled(entry, entry.rotation() != null ? Status.SUPERSEDED : Status.RELEASED, run, now,
                            "the revoke did not take effect", null, null, null);
            case DELETE -> settled(entry, Status.REVOKED, run, now, "the delete did not take effect (the token is "
                    + "still there)", entry.revokedAt(), entry.revokedRun(), null);
            case RESTORE -> m.revoked()
                    ? settled(entry, entry.released() != null ? Status.RELEASED : Status.REVOKED, run, now,
                            "the restore did not take effect", entry.revokedAt(), entry.revokedRun(),
                            entry.holdUntil())
                    : settled(entry, Status.RESTORED, run, now, "the restore took effect", entry.revokedAt(),
                            entry.revokedRun(), entry.holdUntil());
            // Never pending (a check sends nothing): nothing to settle, the entry is left as it is.
            case CHECK, ROTATE -> new Settled(entry, "nothing was pending");
        };
    }

    /** Settles and records each entry in doubt; returns the tokens whose restore it settled: none is deleted this run. */
    static Set<String> settleAll(ClusterTokenClient cluster, Ledger ledger, Map<String, LedgerEntry> entries,
            String run, Instant now, List<String> notes) {
        Set<String> restores = new HashSet<>();
        for (LedgerEntry entry : List.copyOf(entries.values())) {
            if (entry.status() != Status.UNKNOWN) {
                continue;
            }
            Settled settled = settle(cluster, entry, run, now);
            if (entry.pending() == Action.RESTORE) {
                restores.add(entry.tokenId());
            }
            if (settled.entry() != entry && ledger.write(settled.entry())) {
                entries.put(entry.tokenId(), settled.entry());
            }
            notes.add("token " + entry.tokenId() + " (" + entry.name() + "): " + settled.note());
            LOG.infof("Token %s: %s", entry.tokenId(), settled.note());
        }
        return Set.copyOf(restores);
    }

    private static Settled settled(LedgerEntry entry, Status status, String run, Instant now, String note,
            Instant revokedAt, String revokedRun, Instant hold) {
        return new Settled(entry.settled(status, now, run, Outcome.SETTLED, note, revokedAt, revokedRun, hold),
                entry.pending().wire() + " at " + entry.pendingAt() + " settled: " + note);
    }
}
