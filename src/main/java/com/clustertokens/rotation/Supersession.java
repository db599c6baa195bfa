package com.clustertokens.rotation;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.clustertokens.cluster.ClusterTokenClient;
import com.clustertokens.cluster.TokenMetadata;
import com.clustertokens.error.RotationRefusedException;
import com.clustertokens.remediation.Ledger;
import com.clustertokens.remediation.LedgerEntry;
import com.clustertokens.remediation.LedgerEntry.Status;
import com.clustertokens.remediation.RemediationClock;
import com.clustertokens.remediation.RemediationService;

/**
 * Hands a rotated token to its follow-up: the ledger marks it SUPERSEDED (revoked when the grace ends, deleted
 * REMEDIATION_DELETE_AFTER later, restorable as any revoke) and a one-time schedule runs the revoke at its due time.
 * The one entry point of every rotation (rotate-token, Secrets Manager's finishSecret); a repeat with the same
 * replacement returns the first hand-off.
 */
@ApplicationScoped
public class Supersession {

    private static final Logger LOG = Logger.getLogger(Supersession.class);

    /** The hand-off: when the old token is revoked and deleted, the schedule that runs it (null: the nightly run). */
    public record Handoff(String tokenId, String supersededBy, Instant revokeDue, Instant deleteDue, String schedule,
            String note) {
    }

    private final Ledger ledger;
    private final RemediationService remediation;
    private final RemediationClock clock;
    private final FollowUpSchedule schedule;

    public Supersession(Ledger ledger, RemediationService remediation, RemediationClock clock,
            FollowUpSchedule schedule) {
        this.ledger = ledger;
        this.remediation = remediation;
        this.clock = clock;
        this.schedule = schedule;
    }

    /**
     * {@code old}: the old token as read right before the rotation (what the follow-up checks it against);
     * {@code run}: {@code rotation-<replacementId>} or the caller's own. Throws {@link RotationRefusedException} when
     * the ledger holds it for another rotation or an action in doubt.
     */
    public Handoff supersede(ClusterTokenClient cluster, TokenMetadata old, String replacementId, Duration grace,
            String requester, String run) {
        String key = cluster.clusterName();
        Optional<LedgerEntry> stored = ledger.entry(key, old.id());
        LedgerEntry entry = stored.filter(e -> same(e, replacementId)).orElse(null);
        if (entry == null) {
            stored.ifPresent(Supersession::refuseOver);
            // The ledger keeps milliseconds: a repeat answers the same times as the first.
            Instant now = clock.now().truncatedTo(ChronoUnit.MILLIS);
            entry = LedgerEntry.superseded(key, stored, old, new LedgerEntry.Rotation(replacementId, now,
                    now.plus(grace), requester, run));
            if (!ledger.write(entry)) {
                entry = ledger.entry(key, old.id()).filter(e -> same(e, replacementId)).orElseThrow(
                        () -> new RotationRefusedException("Token " + old.id()
                                + ": another run recorded an action on it "
                                + "while it was handed to its rotation's follow-up; the replacement " + replacementId
                                + " exists: rotate again with the same request to finish the hand-off"));
            }
            LOG.infof("Token %s superseded by %s: revoked at %s (%s)", old.id(), replacementId,
                    entry.rotation().revokeDue(), run);
        }
        Instant revokeDue = entry.rotation().revokeDue();
        FollowUpSchedule.Scheduled scheduled = schedule.at(revokeDue, cluster.cluster().isDefault()
                ? null
                : cluster.clusterName(), key, old.id());
        return new Handoff(old.id(), replacementId, revokeDue, revokeDue.plus(remediation.policy(cluster.cluster())
                .deleteDelay()), scheduled.name(), scheduled.note());
    }

    /**
     * The rotation that superseded {@code tokenId} already, if one did; refused (as {@link #supersede} would) when
     * the ledger holds it in doubt, revoked or deleted: checked before a replacement is made.
     */
    public Optional<LedgerEntry.Rotation> check(ClusterTokenClient cluster, String tokenId) {
        Optional<LedgerEntry> stored = ledger.entry(cluster.clusterName(), tokenId);
        if (stored.filter(LedgerEntry::followedUpByRotation).isPresent()) {
            return stored.map(LedgerEntry::rotation);
        }
        stored.ifPresent(Supersession::refuseOver);
        return Optional.empty();
    }

    private static boolean same(LedgerEntry e, String replacementId) {
        return e.rotation() != null && replacementId.equals(e.rotation().supersededBy());
    }

    private static void refuseOver(LedgerEntry e) {
        if (e.status() == Status.SUPERSEDED && e.rotation() == null) {
            throw new RotationRefusedException("Token " + e.tokenId() + ": the ledger marks it superseded, but its "
                    + "entry holds no rotation record (an older or damaged entry); nothing was created: check the "
                    + "entry, or restore-token it first");
        }
        if (e.status() == Status.SUPERSEDED) {
            throw new RotationRefusedException("Token " + e.tokenId() + " is already superseded by "
                    + e.rotation().supersededBy() + " (rotated at " + e.rotation().rotatedAt() + ", revoked at "
                    + e.rotation().revokeDue() + "): use that token; restore-token keeps this one instead");
        }
        if (e.status() == Status.UNKNOWN) {
            throw new RotationRefusedException("Token " + e.tokenId() + ": the outcome of its " + e.pending().wire()
                    + " at " + e.pendingAt() + " is in doubt; the next remediation run settles it: rotate after");
        }
        if (e.status() == Status.REVOKED || e.status() == Status.DELETED) {
            throw new RotationRefusedException("Token " + e.tokenId() + " was " + e.status().name().toLowerCase(
                    Locale.ROOT) + " by this system: nothing to rotate; restore it first or create a new one");
        }
    }
}
