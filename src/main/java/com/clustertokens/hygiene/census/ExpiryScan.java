package com.clustertokens.hygiene.census;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

import com.clustertokens.cluster.TokenMetadata;
import com.clustertokens.hygiene.report.HygieneReport;
import com.clustertokens.hygiene.report.HygieneReport.StaleToken;
import com.clustertokens.lambda.Deadline;

/**
 * Reads the expiry of every listed token, not only the stale ones': an in-use token about to expire is what breaks
 * a pipeline. The reads share the census's metadata pool, so a stale token is read once, at its concurrency. A token
 * not read (over the limit, out of time, unreadable) is counted and named, never guessed. The census may pass over
 * the full list more than once (a retried list, the second read by lookup): a token is queued and counted once, with
 * the last pass's class, and the tokens over the limit are those of the last pass.
 */
final class ExpiryScan implements Census.EveryToken {

    private final ExpiryRules rules;
    private final Enrichment reads;
    private final Deadline deadline;
    private final int keep;
    /** By id, in the order first listed; the value the candidate as the latest pass classified it. */
    private final Map<String, Queued> queued = new LinkedHashMap<>();
    private final List<HygieneReport.Unread> overLimit = new ArrayList<>();
    private final List<HygieneReport.Unread> unread = new ArrayList<>();
    private long overLimitCount;
    private long notRead;
    private int pass;

    private record Queued(Census.Candidate candidate, int pass) {
    }

    ExpiryScan(ExpiryRules rules, Enrichment reads, Deadline deadline, int keep) {
        this.rules = rules;
        this.reads = reads;
        this.deadline = deadline;
        this.keep = keep;
    }

    @Override
    public void pass() {
        pass++;
        overLimitCount = 0;
        overLimit.clear();
    }

    /**
     * While the full list is read: queues the token's read, or counts it as not read past the limit. A stale
     * candidate's read is made however late: the stale sections need it, and the reserve is the scan's alone.
     */
    @Override
    public void accept(Census.Candidate candidate, boolean staleCandidate) {
        Queued before = queued.get(candidate.id());
        if (before != null) {
            queued.put(candidate.id(), new Queued(candidate, pass)); // its read is under way already
        } else if (queued.size() < rules.limit()) {
            queued.put(candidate.id(), new Queued(candidate, pass));
            if (staleCandidate) {
                reads.prefetch(candidate);
            } else {
                reads.prefetch(candidate, () -> deadline.leavesLessThan(rules.reserve()));
            }
        } else if (overLimitCount++ < keep) {
            overLimit.add(new HygieneReport.Unread(candidate.id(), candidate.name(),
                    "over the expiry scan limit HYGIENE_EXPIRY_SCAN_LIMIT " + rules.limit()));
        }
    }

    /** Whether the scan read (or tried to read) this token, so its read is there for the stale sections. */
    boolean queued(Census.Candidate candidate) {
        return queued.containsKey(candidate.id());
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
        notRead = overLimitCount;
        unread.addAll(overLimit);
        for (Queued each : queued.values()) {
            if (each.pass() != pass) {
                continue; // not in the last pass: gone from the list since
            }
            Census.Candidate candidate = each.candidate();
            Enrichment.Enriched e = reads.await(candidate);
            if (e.failure() != null) {
                skip(candidate, e.failure());
                continue;
            }
            TokenMetadata m = e.metadata();
            if (m == null || m.revoked()) {
                continue; // deleted meanwhile, or revoked: neither expires on anyone
            }
            if (m.created() == null) {
                // Every token has a creation time: without it the record is incomplete, and a missing expiry there
                // may not mean "never expires".
                skip(candidate, "its metadata came without a creation time (incomplete), so its expiry is unknown");
                continue;
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
            if (inUse && m.created() <= rotateBy && (m.expires() == null || m.expires() > now)) {
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
