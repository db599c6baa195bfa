package com.clustertokens.hygiene.census;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

import com.clustertokens.cluster.TokenMetadata;
import com.clustertokens.hygiene.report.HygieneReport;
import com.clustertokens.hygiene.report.HygieneReport.StaleToken;
import com.clustertokens.lambda.Deadline;

/**
 * Reads the expiry of every listed token, not only the stale ones': an in-use token about to expire is what breaks
 * a pipeline. The reads share the census's metadata pool, so a stale token is read once, at its concurrency. A token
 * not read (over the limit, out of time, unreadable) is counted and named, never guessed.
 */
final class ExpiryScan {

    private final ExpiryRules rules;
    private final Enrichment reads;
    private final Deadline deadline;
    private final int keep;
    private final List<Census.Candidate> queued = new ArrayList<>();
    private final List<HygieneReport.Unread> unread = new ArrayList<>();
    private long notRead;

    ExpiryScan(ExpiryRules rules, Enrichment reads, Deadline deadline, int keep) {
        this.rules = rules;
        this.reads = reads;
        this.deadline = deadline;
        this.keep = keep;
    }

    /** While the full list is read: queues the token's read, or counts it as not read past the limit. */
    void accept(Census.Candidate candidate) {
        if (queued.size() < rules.limit()) {
            queued.add(candidate);
            reads.prefetch(candidate, () -> deadline.leavesLessThan(rules.reserve()));
        } else {
            skip(candidate, "over the expiry scan limit HYGIENE_EXPIRY_SCAN_LIMIT " + rules.limit());
        }
    }

    /** Waits for every queued read; tokens whose metadata says they are not live any more are left out. */
    HygieneReport.Expiry result(Instant cutoff) {
        long now = rules.now().toEpochMilli();
        long warnBy = rules.now().plus(rules.warning()).toEpochMilli();
        long rotateBy = rules.now().minus(rules.rotateAfter()).toEpochMilli();
        long read = 0;
        long neverExpires = 0;
        Kept expiringInUse = new Kept(keep, Comparator.comparing(StaleToken::expires));
        Kept expired = new Kept(keep, Comparator.comparing(StaleToken::expires));
        Kept rotationDue = new Kept(keep, Comparator.comparing(StaleToken::created));
        for (Census.Candidate candidate : queued) {
            Enrichment.Enriched e = reads.await(candidate);
            if (e.failure() != null) {
                skip(candidate, e.failure());
                continue;
            }
            TokenMetadata m = e.metadata();
            if (m == null || m.revoked()) {
                continue; // deleted meanwhile, or revoked: neither expires on anyone
            }
            read++;
            boolean inUse = m.lastUse() != null && m.lastUse() >= cutoff.toEpochMilli();
            if (m.expires() == null) {
                neverExpires++;
            } else if (m.expires() <= now) {
                expired.add(token(candidate, m));
            } else if (inUse && m.expires() <= warnBy) {
                expiringInUse.add(token(candidate, m));
            }
            if (inUse && m.created() != null && m.created() <= rotateBy && (m.expires() == null || m.expires() > now)) {
                rotationDue.add(token(candidate, m));
            }
        }
        return new HygieneReport.Expiry(Instant.ofEpochMilli(warnBy), Instant.ofEpochMilli(rotateBy), read, notRead,
                expiringInUse.count, expired.count, neverExpires, rotationDue.count,
                expiringInUse.sorted(), expired.sorted(), rotationDue.sorted(), List.copyOf(unread));
    }

    private void skip(Census.Candidate candidate, String why) {
        if (notRead++ < keep) {
            unread.add(new HygieneReport.Unread(candidate.id(), candidate.name(), why));
        }
    }

    private static StaleToken token(Census.Candidate c, TokenMetadata m) {
        return new StaleToken(c.id(), m.name() != null ? m.name() : c.name(), c.status().wire(), m.userId(),
                instant(m.lastUse()), instant(m.created()), instant(m.expires()), null);
    }

    private static Instant instant(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis);
    }

    /** A section's count and its first {@code keep} tokens in {@code order}, the rest dropped as they come. */
    private static final class Kept {
        private final int keep;
        private final Comparator<StaleToken> order;
        private final PriorityQueue<StaleToken> last; // the head is the one to drop first
        private long count;

        Kept(int keep, Comparator<StaleToken> order) {
            this.keep = keep;
            this.order = order;
            this.last = new PriorityQueue<>(order.reversed());
        }

        void add(StaleToken token) {
            count++;
            last.add(token);
            if (last.size() > keep) {
                last.poll();
            }
        }

        List<StaleToken> sorted() {
            return last.stream().sorted(order).toList();
        }
    }
}
