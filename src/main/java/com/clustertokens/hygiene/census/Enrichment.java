package com.clustertokens.hygiene.census;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

import com.clustertokens.cluster.ClusterTokenClient;
import com.clustertokens.cluster.TokenMetadata;
import com.clustertokens.error.TokenFunctionException;
import com.clustertokens.error.TokenNotFoundException;

/**
 * Reads the metadata of stale tokens, at most {@code concurrency} requests at once, starting with the first ones
 * found while the census still runs. A token deleted meanwhile (404) and a read that fails otherwise are kept as
 * such, never thrown: one unreadable token does not cost the report; only the list queries can fail the run.
 */
final class Enrichment implements AutoCloseable {

    /** {@code metadata} null: deleted meanwhile (404), or the read failed ({@code failure}: why, safe to report). */
    record Enriched(Census.Candidate candidate, TokenMetadata metadata, String failure) {
    }

    static final String NOT_STARTED = "not read: too little time left before the invocation's deadline";

    private final ClusterTokenClient cluster;
    private final ExecutorService pool;
    private final Map<String, Future<Enriched>> reads = new HashMap<>();

    Enrichment(ClusterTokenClient cluster, int concurrency) {
        this.cluster = cluster;
        this.pool = Parallel.pool("stale-tokens-metadata", concurrency);
    }

    /** Starts the read unless under way, while the full list is still classified. On the invocation's thread. */
    void prefetch(Census.Candidate candidate) {
        prefetch(candidate, () -> false);
    }

    /**
     * The same, but when its turn comes and {@code late} says so, the read is not made: the failure says why (what
     * time is left before the deadline belongs to the report's delivery).
     */
    void prefetch(Census.Candidate candidate, BooleanSupplier late) {
        reads.computeIfAbsent(candidate.id(), id -> pool.submit(() -> {
            if (late.getAsBoolean()) {
                return new Enriched(candidate, null, NOT_STARTED);
            }
            try {
                return new Enriched(candidate, cluster.metadata(id), null);
            } catch (TokenNotFoundException deletedMeanwhile) {
                return new Enriched(candidate, null, null);
            } catch (TokenFunctionException e) {
                return new Enriched(candidate, null, e.toString()); // written for callers: safe in a report
            } catch (RuntimeException e) {
                return new Enriched(candidate, null, e.getClass().getSimpleName());
            }
        }));
    }

    List<Enriched> collect(List<Census.Candidate> candidates) {
        candidates.forEach(this::prefetch);
        return candidates.stream().map(this::await).toList();
    }

    /** The read of a token already prefetched, as {@code candidate}. */
    Enriched await(Census.Candidate candidate) {
        Enriched read = Parallel.await(reads.get(candidate.id()), "token metadata");
        return new Enriched(candidate, read.metadata(), read.failure());
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
