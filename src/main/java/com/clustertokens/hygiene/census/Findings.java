package com.clustertokens.hygiene.census;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.clustertokens.cluster.TokenMetadata;
import com.clustertokens.hygiene.report.HygieneReport;
import com.clustertokens.hygiene.report.HygieneReport.StaleToken;

/**
 * What the metadata says about the census's stale candidates: a token with no recorded use is stale only if it was
 * created before the cutoff; without its creation time it is unverified, never shown as stale. A token used after
 * the cutoff by the time its metadata was read is active; one deleted meanwhile is counted as deleted.
 */
final class Findings {

    final List<StaleToken> stale = new ArrayList<>();
    final List<StaleToken> expiring = new ArrayList<>();
    final List<StaleToken> revoked = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final HygieneReport.Counts counts;

    private long active;
    private long dormant;
    private long noRecordedUse;
    private long newUnused;
    private long deleted;
    private long unreadable;
    // No recorded use, whose metadata settled the class: what is left of the census's count is unverified.
    private long settled;

    /** {@code unread}: the candidates past the metadata limit. */
    Findings(Census census, List<Enrichment.Enriched> enriched, List<Census.Candidate> unread, Instant cutoff,
            Instant horizon) {
        active = census.active;
        dormant = census.dormant;
        for (Enrichment.Enriched e : enriched) {
            sort(e, cutoff.toEpochMilli(), horizon.toEpochMilli());
        }
        Comparator<StaleToken> oldestUseFirst = Comparator.comparing(StaleToken::lastUse,
                Comparator.nullsFirst(Comparator.naturalOrder()));
        stale.sort(oldestUseFirst);
        expiring.sort(Comparator.comparing(StaleToken::expires));
        revoked.sort(oldestUseFirst);
        // A dormant token is stale by the dormant query; only its details are missing.
        unread.stream().filter(c -> c.status() == TokenClass.DORMANT).forEach(c -> stale.add(unread(c)));
        long unverified = census.noRecordedUse - settled;
        counts = new HygieneReport.Counts(census.total, active, dormant, noRecordedUse, newUnused, unverified,
                census.excluded, deleted, enriched.size(), revoked.size(), expiring.size(), unreadable);
    }

    private void sort(Enrichment.Enriched e, long cutoff, long horizon) {
        Census.Candidate c = e.candidate();
        boolean neverUsed = c.status() == TokenClass.NO_RECORDED_USE;
        if (e.failure() != null) {
            unreadable++;
            note(c, ": its metadata could not be read (" + e.failure() + ")"
                    + (neverUsed ? "; its creation time is unknown, so it is counted as unverified" : ""));
            if (!neverUsed) {
                stale.add(unread(c));
            }
            return;
        }
        if (e.metadata() == null) {
            deleted++;
            leave(c);
            note(c, " was deleted while the report ran (metadata 404)");
            return;
        }
        TokenMetadata m = e.metadata();
        if (m.lastUse() != null && m.lastUse() >= cutoff) {
            active++;
            leave(c);
            note(c, " was used while the report ran; counted as active");
            return;
        }
        if (neverUsed) {
            if (m.created() == null) {
                note(c, ": the cluster gave no creation time; counted as unverified");
                return;
            }
            settled++;
            if (m.created() >= cutoff) {
                newUnused++;
                return;
            }
            noRecordedUse++;
        }
        StaleToken token = new StaleToken(c.id(), m.name() != null ? m.name() : c.name(), c.status().wire(),
                m.userId(), instant(m.lastUse()), instant(m.created()), instant(m.expires()),
                m.revoked() ? Boolean.TRUE : null);
        if (m.revoked()) {
            revoked.add(token);
        } else if (m.expires() != null && m.expires() <= horizon) {
            expiring.add(token);
        } else {
            stale.add(token);
        }
    }

    private void note(Census.Candidate c, String what) {
        notes.add("token " + c.id() + " (" + c.name() + ")" + what);
    }

    /** A candidate that turned out not to be in its census class any more. */
    private void leave(Census.Candidate c) {
        if (c.status() == TokenClass.DORMANT) {
            dormant--;
        } else {
            settled++;
        }
    }

    /** Stale tokens the report counts but could not list (its sections keep at most the report limit). */
    long unlisted() {
        return counts.dormant() + counts.noRecordedUse() - stale.size() - expiring.size() - revoked.size();
    }

    /** A stale token whose details are missing. */
    private static StaleToken unread(Census.Candidate c) {
        return new StaleToken(c.id(), c.name(), c.status().wire(), null, null, null, null, null);
    }

    private static Instant instant(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis);
    }
}
