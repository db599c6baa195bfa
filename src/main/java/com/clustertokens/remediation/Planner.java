package com.clustertokens.remediation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import com.clustertokens.hygiene.census.NamePatterns;
import com.clustertokens.hygiene.report.HygieneReport.StaleToken;
import com.clustertokens.remediation.LedgerEntry.Action;
import com.clustertokens.remediation.LedgerEntry.Status;
import com.clustertokens.remediation.Plan.Held;
import com.clustertokens.remediation.Plan.Planned;
import com.clustertokens.remediation.Plan.Upcoming;

/**
 * Makes a {@link Plan} from a census and the ledger; sends nothing. Never planned: its own API token, excluded or
 * out-of-scope tokens, ones not verified unused since the revoke cutoff, ones held by a restore or in doubt, ones
 * released (until used after), and ones revoked by someone else (reported, never deleted). A rotation's follow-up
 * (a superseded token, then its delete) is planned whatever the scope and exclusions say, never before it is due,
 * and never counts toward maxActions; a SUPERSEDED entry lacking its rotation or its {@code before} is held.
 */
final class Planner {

    record Inputs(Instant now, Instant revokeCutoff, RemediationPolicy policy, NamePatterns exclusions,
            String ownTokenId, Map<String, LedgerEntry> ledger) {
    }

    private Planner() {
    }

    /** {@code candidates}: live stale tokens by the census; {@code revoked}: stale tokens already revoked. */
    static Plan plan(Inputs in, List<StaleToken> candidates, List<StaleToken> revoked) {
        List<Planned> revoke = new ArrayList<>();
        List<Planned> delete = new ArrayList<>();
        List<Upcoming> upcoming = new ArrayList<>();
        List<Held> held = new ArrayList<>();
        for (StaleToken token : candidates) {
            LedgerEntry entry = in.ledger().get(token.id());
            if (entry != null && entry.status() == Status.SUPERSEDED) {
                // The rotation's follow-up, planned from the ledger below: never revoked before its grace ends.
                if (incomplete(entry) == null && entry.rotation().revokeDue().isAfter(in.now())) {
                    held.add(new Held(token.id(), token.name(), token.owner(), "rotated; revoked at "
                            + entry.rotation().revokeDue()));
                }
                continue;
            }
            String why = holdBack(in, token.id(), token.name(), token.owner());
            if (why == null && entry != null) {
                why = switch (entry.status()) {
                    case RESTORED -> entry.holdUntil() != null && entry.holdUntil().isAfter(in.now())
                            ? "restored; left alone until " + entry.holdUntil()
                            : null;
                    case REVOKED -> "un-revoked by someone else after this system revoked it at "
                            + entry.revokedAt() + "; not revoked again";
                    case UNKNOWN -> inDoubt(entry);
                    case RELEASED -> stillReleased(entry, token);
                    case DELETED -> null;
                    case SUPERSEDED -> throw new IllegalStateException("planned from the ledger");
                };
            }
            if (why == null && !token.verifiedUnusedSince(in.revokeCutoff())) {
                if (token.lastUse() == null && token.created() == null) {
                    why = "its metadata was not read, so its last use is unverified";
                } else {
                    continue; // stale by the report's period, not yet by revokeAfter: nothing to say
                }
            }
            if (why != null) {
                held.add(new Held(token.id(), token.name(), token.owner(), why));
                continue;
            }
            String unused = token.lastUse() != null
                    ? "not used since " + token.lastUse()
                    : "never used since its creation at " + token.created();
            revoke.add(new Planned(Action.REVOKE, token.id(), token.name(), token.owner(), token.lastUse(),
                    token.created(), token.expires(), null, unused + " (revokeAfter "
                            + in.policy().revokeAfter().text() + ")", null));
        }
        for (StaleToken token : revoked) {
            LedgerEntry entry = in.ledger().get(token.id());
            if (entry != null && entry.status() == Status.RELEASED && entry.released() != null) {
                held.add(new Held(token.id(), token.name(), token.owner(), "revoked by this system at "
                        + entry.revokedAt() + ", released at " + entry.released().at() + " (" + entry.released().why()
                        + "): never deleted by this system; restore-token un-revokes it"));
            } else if (entry == null || entry.status() == Status.RELEASED) {
                held.add(new Held(token.id(), token.name(), token.owner(), "revoked by someone else: reported, "
                        + "never deleted by this system"));
            }
        }
        List<LedgerEntry> byRevokeTime = in.ledger().values().stream()
                .filter(e -> e.status() == Status.REVOKED || e.status() == Status.UNKNOWN
                        || e.status() == Status.SUPERSEDED)
                .sorted(Comparator.comparing(LedgerEntry::tokenId)).toList();
        for (LedgerEntry entry : byRevokeTime) {
            if (entry.status() == Status.SUPERSEDED) {
                rotated(in, entry, candidates, revoke, upcoming, held);
                continue;
            }
            if (entry.status() == Status.UNKNOWN) {
                if (candidates.stream().noneMatch(t -> t.id().equals(entry.tokenId()))) {
                    held.add(new Held(entry.tokenId(), entry.name(), entry.owner(), inDoubt(entry)));
                }
                continue;
            }
            String why = entry.followedUpByRotation()
                    ? ownToken(in, entry.tokenId())
                    : holdBack(in, entry.tokenId(), entry.name(), entry.owner());
            if (why != null) {
                held.add(new Held(entry.tokenId(), entry.name(), entry.owner(), why));
                continue;
            }
            if (entry.holdUntil() != null && entry.holdUntil().isAfter(in.now())) {
                held.add(new Held(entry.tokenId(), entry.name(), entry.owner(), "a restore was asked for and did "
                        + "not take effect: not deleted before " + entry.holdUntil() + "; restore-token again "
                        + "un-revokes it"));
                continue;
            }
            Instant due = entry.revokedAt().plus(in.policy().deleteDelay());
            if (due.isAfter(in.now())) {
                upcoming.add(new Upcoming(entry.tokenId(), entry.name(), entry.owner(), entry.revokedAt(), due));
                continue;
            }
            // The metadata it had when it was revoked, as the delete check compares it.
            LedgerEntry.TokenState before = Objects.requireNonNullElse(entry.before(), new LedgerEntry.TokenState(null,
                    null, null, null, null, null, false));
            delete.add(new Planned(Action.DELETE, entry.tokenId(), entry.name(), entry.owner(), before.lastUse(),
                    before.created(), before.expires(), entry.revokedAt(), (entry.followedUpByRotation()
                            ? "rotated, then "
                            : "") + "revoked by this system at " + entry.revokedAt() + ", unused since (deleteAfter "
                            + in.policy().deleteAfter().text() + ")", entry.followedUpByRotation() ? true : null));
        }
        upcoming.sort(Comparator.comparing(Upcoming::deleteAt));
        return Plan.of(revoke, delete, upcoming, held, in.policy().maxActions());
    }

    /**
     * A superseded token: revoked once its grace ends, whatever its use, exclusions and the scope say (the person
     * who rotated it asked for that); before, upcoming (or held, if the census listed it as a candidate).
     */
    private static void rotated(Inputs in, LedgerEntry entry, List<StaleToken> candidates, List<Planned> revoke,
            List<Upcoming> upcoming, List<Held> held) {
        LedgerEntry.Rotation rotation = entry.rotation();
        String own = ownToken(in, entry.tokenId());
        String incomplete = incomplete(entry);
        if (own != null) {
            held.add(new Held(entry.tokenId(), entry.name(), entry.owner(), own));
        } else if (incomplete != null) {
            held.add(new Held(entry.tokenId(), entry.name(), entry.owner(), incomplete));
        } else if (rotation.revokeDue().isAfter(in.now())) {
            if (candidates.stream().noneMatch(t -> t.id().equals(entry.tokenId()))) {
                upcoming.add(new Upcoming(entry.tokenId(), entry.name(), entry.owner(), null, rotation.revokeDue()
                        .plus(in.policy().deleteDelay()), rotation.revokeDue()));
            }
        } else {
            LedgerEntry.TokenState before = entry.before();
            revoke.add(new Planned(Action.REVOKE, entry.tokenId(), entry.name(), entry.owner(), before.lastUse(),
                    before.created(), before.expires(), null, "rotated on " + rotation.rotatedAt()
                            + ": grace ended (replaced by " + rotation.supersededBy() + ")", true));
        }
    }

    /**
     * Why a SUPERSEDED entry cannot be followed up (an older or damaged entry), or null: without its rotation there
     * is no due time, and without {@code before} no proof that the token read then is the one rotated.
     */
    private static String incomplete(LedgerEntry entry) {
        LedgerEntry.Rotation rotation = entry.rotation();
        String missing = rotation == null || rotation.revokeDue() == null
                ? "its rotation record (replacement, revoke due)"
                : entry.before() == null
                        ? "the token's metadata as rotated (before)"
                        : null;
        return missing == null
                ? null
                : "superseded, but its ledger entry lacks " + missing + ": never revoked or deleted by this system; "
                        + "check the entry, then rotate again or restore-token";
    }

    /** Only the follow-up of rotations: superseded tokens due, rotated ones revoked and due for deletion. */
    static Plan followUps(Inputs in, String onlyToken) {
        Map<String, LedgerEntry> rotations = new TreeMap<>();
        in.ledger().forEach((id, e) -> {
            // A SUPERSEDED entry without its rotation too: held with why, so the follow-up's answer shows it.
            if ((e.followedUpByRotation() || e.status() == Status.SUPERSEDED) && (onlyToken == null
                    || onlyToken.equals(id))) {
                rotations.put(id, e);
            }
        });
        return plan(new Inputs(in.now(), in.revokeCutoff(), in.policy(), in.exclusions(), in.ownTokenId(),
                rotations), List.of(), List.of());
    }

    private static String ownToken(Inputs in, String id) {
        return id.equals(in.ownTokenId()) ? "the API token this function calls with" : null;
    }

    /** Why a token is never acted on (its own token, excluded, outside the scope), or null. */
    private static String holdBack(Inputs in, String id, String name, String owner) {
        if (ownToken(in, id) != null) {
            return ownToken(in, id);
        }
        String excluded = in.exclusions().reasonFor(name);
        return excluded != null ? "excluded: " + excluded : in.policy().scope().whyOutside(name, owner);
    }

    /** Why a released token stays out of plans, or null: never released, or used after it (the stale check decides). */
    private static String stillReleased(LedgerEntry entry, StaleToken token) {
        LedgerEntry.Release release = entry.released();
        if (release == null || token.lastUse() != null && (release.lastUse() == null
                || token.lastUse().isAfter(release.lastUse()))) {
            return null;
        }
        return "released at " + release.at() + " (" + release.why() + "): not revoked again until it is used and "
                + "then unused for revokeAfter again";
    }

    private static String inDoubt(LedgerEntry entry) {
        return "in doubt: the outcome of its " + entry.pending().wire() + " at " + entry.pendingAt()
                + " is unknown; the next apply run reads the token and records what happened before anything else";
    }
}
