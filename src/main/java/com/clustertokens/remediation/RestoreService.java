package com.clustertokens.remediation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.clustertokens.cluster.ClusterClients;
import com.clustertokens.cluster.ClusterTokenClient;
import com.clustertokens.cluster.TokenMetadata;
import com.clustertokens.cluster.TokenUpdate;
import com.clustertokens.error.ActionOutcomeUnknownException;
import com.clustertokens.error.InvalidInputException;
import com.clustertokens.error.RestoreRefusedException;
import com.clustertokens.error.TokenFunctionException;
import com.clustertokens.error.TokenNotFoundException;
import com.clustertokens.hygiene.report.StalePeriod;
import com.clustertokens.lambda.OutputFormat;
import com.clustertokens.lambda.RequestReader;
import com.clustertokens.remediation.LedgerEntry.Action;
import com.clustertokens.remediation.LedgerEntry.Outcome;
import com.clustertokens.remediation.LedgerEntry.Status;
import com.clustertokens.security.Secrets;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * restore-token: un-revokes a token this system revoked and has not deleted, holding the cluster's {@link RunLock},
 * and keeps it out of plans for the hold. A token someone else revoked is theirs to restore.
 */
@ApplicationScoped
public class RestoreService {

    /**
     * Input of restore-token: {@code cluster} (a fleet registry name, optional), {@code token} (required: the id, as the
     * chat summary shows it, or on clusters whose ids are identifiers the identifier {@code dt0c01.<public>}; never the
     * secret), {@code holdFor} (how long it stays out of plans: a stale period such as {@code P30D}; default
     * REMEDIATION_RESTORE_HOLD), {@code requester} (who asks, recorded in the ledger) and {@code format}.
     */
    public record Request(String cluster, String token, String holdFor, String requester,
            OutputFormat format) {
    }

    private static final Logger LOG = Logger.getLogger(RestoreService.class);
    private static final int MAX_FIELD = 256;

    private final ClusterClients clients;
    private final Ledger ledger;
    private final RemediationService remediation;
    private final RequestReader reader;
    private final RemediationClock clock;
    private final RunLock lock;

    public RestoreService(ClusterClients clients, Ledger ledger, RemediationService remediation,
            RequestReader reader, RemediationClock clock, RunLock lock) {
        this.lock = lock;
        this.clients = clients;
        this.ledger = ledger;
        this.remediation = remediation;
        this.reader = reader;
        this.clock = clock;
    }

    public RestoreResult restore(JsonNode input) {
        Request request = reader.read(input, Request.class);
        return clients.within(request.cluster(), cluster -> restore(cluster, request));
    }

    private RestoreResult restore(ClusterTokenClient cluster, Request request) {
        List<String> problems = new ArrayList<>();
        String token = request.token();
        if (token == null || token.isBlank()) {
            problems.add("token: is required: the id of the token to restore, as the chat summary shows it");
        } else if (Secrets.identifierOrNull(token) != null) {
            problems.add("token: looks like a token secret; give its id (or identifier dt0c01.<public>), never "
                    + "the secret");
        } else if (token.length() > MAX_FIELD) {
            problems.add("token: must be at most " + MAX_FIELD + " characters");
        }
        StalePeriod hold = request.holdFor() == null
                ? remediation.policy(cluster.cluster()).restoreHold()
                : StalePeriod.parse("holdFor", request.holdFor(), problems);
        if (request.requester() != null && (request.requester().isBlank()
                || request.requester().length() > MAX_FIELD)) {
            problems.add("requester: 1 to " + MAX_FIELD + " characters when given");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Instant now = clock.now();
        String run = "restore at " + now + (request.requester() == null ? "" : " by " + request.requester());
        RestoreResult result = restore(cluster, token.strip(), hold, now, run);
        LOG.infof("restore %s (%s): %s, held out of plans until %s (%s)", result.id(), result.name(), result.outcome()
                .wire(),
                result.holdUntil(), run);
        return OutputFormat.wantsSummary(request.format()) ? withSummary(result) : result;
    }

    /** Restores {@code id} holding the cluster's lock: no apply run settles or acts on the cluster meanwhile. */
    private RestoreResult restore(ClusterTokenClient cluster, String id, StalePeriod hold, Instant now, String run) {
        RunLock.Held held = lock.take(cluster.clusterName(), run, now);
        try {
            LedgerEntry entry = ledger.entry(cluster.clusterName(), id).orElseThrow(() -> new RestoreRefusedException(
                    "Token " + id + " was not revoked by this system (the remediation ledger of " + cluster
                            .clusterUrl() + " has no entry for it); restore-token un-revokes only what "
                            + "remediate-tokens revoked: give the id as its chat summary shows it"));
            if (entry.status() == Status.UNKNOWN) {
                Doubts.Settled settled = Doubts.settle(cluster, entry, run, now);
                if (settled.entry().status() == Status.UNKNOWN || !ledger.write(settled.entry())) {
                    throw new ActionOutcomeUnknownException("Token " + id + ": the outcome of its " + entry.pending()
                            .wire() + " at " + entry.pendingAt() + " is not settled yet (" + settled.note()
                            + "); try again later");
                }
                entry = settled.entry();
            }
            if (entry.status() == Status.RESTORED) {
                return result(entry, RestoreResult.Outcome.ALREADY_RESTORED);
            }
            if (entry.status() == Status.DELETED) {
                throw new RestoreRefusedException("Token " + id + " (" + entry.name() + ") was deleted; a deleted "
                        + "token cannot be restored: create a new one");
            }
            // REVOKED, or released after this system revoked it: restored below if it is still revoked.
            if (entry.status() == Status.RELEASED && entry.released() == null) {
                throw new RestoreRefusedException("Token " + id + " (" + entry.name() + ") is not revoked by this "
                        + "system: " + (entry.history().isEmpty()
                                ? "no history"
                                : entry.history().get(entry.history().size() - 1).reason()));
            }
            return unrevoke(cluster, entry, hold, now, run);
        } finally {
            lock.release(held, clock.now());
        }
    }

    private RestoreResult unrevoke(ClusterTokenClient cluster, LedgerEntry entry, StalePeriod hold, Instant now,
            String run) {
        TokenMetadata m = Actions.readOrNull(cluster, entry.tokenId());
        if (m == null) {
            ledger.write(entry.settled(Status.DELETED, now, run, Outcome.SETTLED, "deleted by someone else", null, null,
                    null));
            throw new RestoreRefusedException("Token " + entry.tokenId() + " (" + entry.name() + ") no longer "
                    + "exists on " + cluster.clusterUrl() + ": someone deleted it; create a new one");
        }
        if (entry.status() == Status.RELEASED && !m.revoked()) {
            throw new RestoreRefusedException("Token " + entry.tokenId() + " (" + entry.name() + ") is not revoked: "
                    + "someone un-revoked it after this system revoked it, and this system let go of it ("
                    + entry.released().why() + "); nothing to restore");
        }
        LedgerEntry started = entry.started(Action.RESTORE, now, run, "restore requested", null)
                .holding(now.plus(hold.length()));
        if (!ledger.write(started)) {
            throw new RestoreRefusedException("Token " + entry.tokenId() + ": another run recorded an action on it "
                    + "meanwhile; nothing was sent: try again");
        }
        RestoreResult.Outcome outcome = RestoreResult.Outcome.FOUND_UNREVOKED;
        if (m.revoked()) {
            try {
                cluster.update(entry.tokenId(), TokenUpdate.unrevoke());
                outcome = RestoreResult.Outcome.RESTORED;
            } catch (TokenNotFoundException gone) {
                ledger.write(started.settled(Status.DELETED, now, run, Outcome.FAILED, "deleted by someone else (404)",
                        null, null, null));
                throw new RestoreRefusedException("Token " + entry.tokenId() + " no longer exists: someone deleted "
                        + "it meanwhile");
            } catch (TokenFunctionException e) {
                if (e.isTransient()) {
                    ledger.write(started.stillUnknown(now, run, e.toString()));
                    throw new ActionOutcomeUnknownException("The restore of token " + entry.tokenId() + " was sent "
                            + "and its outcome is unknown (" + e.getMessage() + "); run restore-token again: it "
                            + "reads the token first");
                }
                // Refused, the token stays revoked; the hold still keeps it from being deleted meanwhile: someone
                // wants it back, and is told to try again.
                ledger.write(started.settled(entry.status(), now, run, Outcome.FAILED, e.toString(), entry.revokedAt(),
                        entry.revokedRun(), started.holdUntil()));
                throw e;
            }
        }
        LedgerEntry restored = started.settled(Status.RESTORED, now, run, Outcome.DONE, outcome.wire(),
                entry.revokedAt(), entry.revokedRun(), started.holdUntil());
        ledger.write(restored);
        return result(restored, outcome);
    }

    private static RestoreResult result(LedgerEntry entry, RestoreResult.Outcome outcome) {
        return new RestoreResult(entry.tokenId(), entry.name(), entry.owner(), outcome, entry.holdUntil(), null);
    }

    private static RestoreResult withSummary(RestoreResult r) {
        String what = switch (r.outcome()) {
            case RESTORED -> "Restored";
            case ALREADY_RESTORED -> "Already restored";
            case FOUND_UNREVOKED -> "Found un-revoked already, recorded as restored:";
        };
        return new RestoreResult(r.id(), r.name(), r.owner(), r.outcome(), r.holdUntil(), Secrets.mask(what + " token "
                + r.name() + " (" + r.id() + ")" + (r.owner() == null ? "" : ", owner " + r.owner())
                + "; left out of remediation until " + r.holdUntil()));
    }
}
