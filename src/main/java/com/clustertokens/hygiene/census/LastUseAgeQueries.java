package com.clustertokens.hygiene.census;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import com.clustertokens.cluster.ClusterTokenClient;
import com.clustertokens.cluster.ListEntry;
import com.clustertokens.cluster.ListQuery;
import com.clustertokens.error.TokenFunctionException;
import com.clustertokens.hygiene.report.HygieneReport.LastUseAges;
import com.clustertokens.hygiene.report.HygieneReport.QuerySent;

/**
 * The list queries behind the last-use histogram. The list tells no last-use time, so each bound between two
 * buckets is one more filtered list, only counted: a bound younger than the cutoff asks {@code from} (a subset of the
 * active tokens), an older one {@code to} (a subset of the dormant ones), and a bound equal to the cutoff reuses the
 * census's own queries. Each count costs a download of its subset, never memory.
 */
final class LastUseAgeQueries implements AutoCloseable {

    /** A bound in days and the query counting it (null when the census's cutoff is this bound). */
    private record Bound(int days, ListQuery query, boolean usedSince) {
    }

    private final List<Bound> bounds = new ArrayList<>();
    private final Parallel.Running<Long> running;

    /** Starts counting, at most two queries at once, while the census runs. */
    LastUseAgeQueries(ClusterTokenClient cluster, ListQuery all, Instant now, Instant cutoff) {
        List<Callable<Long>> tasks = new ArrayList<>();
        for (int days : LastUseAges.BOUNDS_IN_DAYS) {
            Instant bound = now.minus(Duration.ofDays(days));
            long at = bound.toEpochMilli();
            if (bound.equals(cutoff)) {
                bounds.add(new Bound(days, null, true));
                continue;
            }
            boolean usedSince = bound.isAfter(cutoff);
            // "from" is strict, so from = bound - 1 ms lists the tokens used at or after the bound, as the census does.
            ListQuery query = usedSince ? all.withFrom(at - 1) : all.withTo(at);
            bounds.add(new Bound(days, query, usedSince));
            tasks.add(() -> cluster.scanIds(query, Counter::new).count);
        }
        running = Parallel.start("stale-tokens-ages", 2, tasks);
    }

    /** Null with a note when a query failed: the histogram is a picture, and its loss does not cost the report. */
    LastUseAges ages(Census census, List<QuerySent> queries, List<String> notes) {
        List<Long> counts;
        try {
            counts = running.results();
        } catch (TokenFunctionException e) {
            notes.add("the last-use histogram is missing: one of its list queries failed (" + e + ")");
            return null;
        }
        long used = census.seenActive + census.seenDormant;
        long[] usedSince = new long[bounds.size()];
        int next = 0;
        long younger = 0;
        for (int i = 0; i < bounds.size(); i++) {
            Bound bound = bounds.get(i);
            long since;
            if (bound.query() == null) {
                since = census.seenActive;
            } else {
                long count = counts.get(next++);
                queries.add(TokenCensus.sent("lastUse" + bound.days() + "d", bound.query(), count));
                since = bound.usedSince() ? count : used - count;
            }
            // A token used or deleted between the queries must not make a bucket negative.
            since = Math.max(younger, Math.min(used, since));
            usedSince[i] = since;
            younger = since;
        }
        return new LastUseAges(usedSince[0], usedSince[1] - usedSince[0], usedSince[2] - usedSince[1],
                usedSince[3] - usedSince[2], usedSince[4] - usedSince[3], used - usedSince[4],
                Math.max(0, census.total - used));
    }

    @Override
    public void close() {
        running.close();
    }

    private static final class Counter implements Consumer<ListEntry> {
        long count;

        @Override
        public void accept(ListEntry entry) {
            count++;
        }
    }
}
