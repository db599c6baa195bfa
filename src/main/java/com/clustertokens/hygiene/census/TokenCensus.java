package com.clustertokens.hygiene.census;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.clustertokens.cluster.ClusterTokenClient;
import com.clustertokens.cluster.ListQuery;
import com.clustertokens.hygiene.report.HygieneReport;
import com.clustertokens.hygiene.report.HygieneReport.QuerySent;

/**
 * Classifies every token against the cutoff with three list queries: active ({@code from = cutoff - 1 ms}, i.e.
 * last used at or after the cutoff, as the API's {@code from} is strict), dormant ({@code to = cutoff}, last used
 * before it) and the full list (whatever is in neither has no recorded use); then reads the stale candidates'
 * metadata. With the last-use histogram the active and dormant lists are asked in pieces cut at its bounds (see
 * {@link LastUseIntervals}). What it returns is what the report's sections are made of.
 */
@ApplicationScoped
public class TokenCensus {

    private static final Logger LOG = Logger.getLogger(TokenCensus.class);

    /** {@code keep} entries per report section, metadata of {@code enrich} candidates, {@code concurrency} at once. */
    public record Limits(int keep, int enrich, int concurrency) {
    }

    /** What a census found: the report body, every section but the summary and the deliveries. */
    public record Result(HygieneReport.Body body) {
    }

    /** A token last used before {@code cutoff} is stale; one expiring by {@code expiresBy} is set apart. */
    public Result take(ClusterTokenClient cluster, ListQuery all, Instant cutoff, Instant expiresBy,
            NamePatterns exclusions, Limits limits) {
        return take(cluster, all, cutoff, expiresBy, exclusions, limits, null);
    }

    /**
     * The same with the last-use histogram at {@code agesAt} (the run's now; null: none): the active and dormant
     * lists asked in pieces cut at its bounds, which add up to the same downloads.
     */
    public Result take(ClusterTokenClient cluster, ListQuery all, Instant cutoff, Instant expiresBy,
            NamePatterns exclusions, Limits limits, Instant agesAt) {
        return take(cluster, all, cutoff, expiresBy, exclusions, limits, agesAt, null);
    }

    /** The same with every token's expiry read by {@code expiry}'s rules (null: only the stale tokens' metadata). */
    public Result take(ClusterTokenClient cluster, ListQuery all, Instant cutoff, Instant expiresBy,
            NamePatterns exclusions, Limits limits, Instant agesAt, ExpiryRules expiry) {
        LastUseIntervals intervals = LastUseIntervals.of(all, cutoff, agesAt);
        try (Enrichment enrichment = new Enrichment(cluster, limits.concurrency())) {
            List<QuerySent> queries = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            ExpiryScan scan = expiry == null
                    ? null
                    : new ExpiryScan(expiry, enrichment, cluster.deadline(), limits.keep());
            Census.Sections sections = new Census.Sections(exclusions, limits.keep(), limits.enrich(),
                    enrichment::prefetch, scan == null ? Census.EveryToken.NONE : scan);
            Census census = classify(cluster, all, intervals, sections, queries, notes);
            queries.add(sent("all", all, census.total));
            HygieneReport.LastUseAges ages = intervals.ages(census);

            List<Census.Candidate> candidates = census.candidates(limits.keep());
            // With the scan, a candidate it read is classified from that read; the enrich limit bounds the rest.
            List<Census.Candidate> beyondScan = scan == null
                    ? candidates
                    : candidates.stream().filter(c -> !scan.queued(c)).toList();
            int enrichCount = Math.min(limits.enrich(), beyondScan.size());
            List<Census.Candidate> unread = beyondScan.subList(enrichCount, beyondScan.size());
            Set<Census.Candidate> notToRead = new HashSet<>(unread);
            List<Census.Candidate> toRead = candidates.stream().filter(c -> !notToRead.contains(c)).toList();
            Findings findings = new Findings(census, enrichment.collect(toRead), unread, cutoff, expiresBy);
            notes.addAll(findings.notes);
            HygieneReport.Counts counts = findings.counts;
            boolean mayBeIncomplete = queries.stream().anyMatch(QuerySent::reachedLimit);
            if (mayBeIncomplete) {
                notes.add("a list query returned exactly its limit of " + all.limit() + " entries; the cluster may "
                        + "hold tokens the report never saw");
            }
            if (counts.unverified() > 0) {
                notes.add(counts.unverified() + " tokens with no recorded use are unverified: their creation time was "
                        + "not read (metadata limit HYGIENE_ENRICH_LIMIT " + limits.enrich() + ", or unreadable), so "
                        + "they are not reported as stale");
            }
            if (!unread.isEmpty() && counts.dormant() > 0) {
                notes.add("metadata read for " + toRead.size() + " of " + candidates.size() + " candidates (limit "
                        + limits.enrich() + (scan == null ? "" : " past the expiry scan's reads")
                        + "); the dormant tokens past it show id and name only");
            }
            // How many tokens each exclusion removed: the cluster's own names (when any), then each pattern.
            List<HygieneReport.Exclusion> excludedBy = new ArrayList<>();
            for (int rule = exclusions.hasAutoCreated() ? 0 : 1; rule < exclusions.rules(); rule++) {
                excludedBy.add(new HygieneReport.Exclusion(exclusions.reason(rule), census.excludedBy[rule]));
            }
            HygieneReport.Expiry expiries = scan == null ? null : scan.result(cutoff);
            if (expiries != null && expiries.notRead() > 0) {
                notes.add("the expiry of " + expiries.notRead() + " of " + census.total + " tokens was not read "
                        + "(limit HYGIENE_EXPIRY_SCAN_LIMIT " + expiry.limit() + ", the deadline, or unreadable); "
                        + "they are in no expiry section");
            }
            boolean truncated = findings.unlisted() > 0 || census.excluded > census.excludedKept.size();
            return new Result(new HygieneReport.Body(counts, ages, findings.stale, findings.expiring,
                    findings.revoked, census.excludedKept, excludedBy, queries, notes, truncated, mayBeIncomplete,
                    expiries));
        }
    }

    /**
     * The lists are read at once, each filtered one on a thread of its own (the walk waits for whichever is behind,
     * so none may wait for a free thread); the full one is classified while the others still fill, by walking them
     * in step (see IdSequence), so on two cores the downloads and the parsing overlap.
     */
    private Census classify(ClusterTokenClient cluster, ListQuery all, LastUseIntervals intervals,
            Census.Sections sections, List<QuerySent> queries, List<String> notes) {
        List<LastUseIntervals.Interval> lists = intervals.intervals();
        List<IdSequence> filling = new ArrayList<>();
        List<Callable<IdSequence>> reads = new ArrayList<>();
        for (LastUseIntervals.Interval list : lists) {
            IdSequence ids = new IdSequence();
            filling.add(ids);
            reads.add(fill(cluster, list.query(), ids));
        }
        Census census;
        List<IdSequence> used;
        try (Parallel.Running<IdSequence> reading = Parallel.start("stale-tokens-list", lists.size(), reads)) {
            census = cluster.scan(all, () -> Census.inListOrder(filling, intervals.active(), sections));
            used = reading.results();
        }
        for (int i = 0; i < lists.size(); i++) {
            queries.add(sent(lists.get(i).purpose(), lists.get(i).query(), used.get(i).size()));
        }
        if (!census.exact()) {
            LOG.infof("The full list did not follow the order of the filtered lists, or tokens changed "
                    + "between the queries: reading it again to classify each token by lookup");
            List<IdSet> sets = used.stream().map(IdSequence::toSet).toList();
            census = cluster.scan(all, () -> Census.byLookup(sets, intervals.active(), sections));
            notes.add("the full list was read twice: its order differed from the filtered lists', or tokens "
                    + "changed while the report ran");
        }
        return census;
    }

    private static Callable<IdSequence> fill(ClusterTokenClient cluster, ListQuery query, IdSequence first) {
        return () -> {
            try {
                IdSequence filled = cluster.scanIds(query, IdSequence.attempts(first));
                filled.finish();
                return filled;
            } finally {
                first.abandon(); // no-op once finished; releases the census if this call failed
            }
        };
    }

    static QuerySent sent(String purpose, ListQuery query, long returned) {
        return new QuerySent(purpose, query.from(), query.to(), query.effectiveLimit(), returned,
                returned >= query.effectiveLimit());
    }
}
