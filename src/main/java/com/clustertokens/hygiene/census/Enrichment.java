package com.clustertokens.hygiene.census;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

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

    /**
     * A candidate and its metadata. {@code metadata} is null when the token was deleted meanwhile (404) or the read
     * failed ({@code failure} then says why, fit for the report).
     */
    record Enriched(Census.Candidate candidate, TokenMetadata metadata, String failure) {
        boolean deleted() {
            return metadata == null && failure == null;
        }

        boolean unreadable() {
            return failure != null;
        }
    }

    private final ClusterTokenClient cluster;
    private final ExecutorService pool;
    private final Map<String, Future<Enriched>> reads = new HashMap<>();

    /** Reads metadata on up to {@code concurrency} threads of its own; close it to stop them. */
    Enrichment(ClusterTokenClient cluster, int concurrency) {
        this.cluster = cluster;
        this.pool = Parallel.pool("stale-tokens-metadata", concurrency);
    }

    /**
     * Starts reading the candidate's metadata now, unless already under way: called while the full list is still
     * being classified, so these reads overlap it. Call on the invocation's thread.
     */
    void prefetch(Census.Candidate candidate) {
        reads.computeIfAbsent(candidate.id(), id -> pool.submit(() -> {
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

    /** The metadata of each candidate, in order; reads those not prefetched. */
    List<Enriched> collect(List<Census.Candidate> candidates) {
        candidates.forEach(this::prefetch);
        List<Enriched> results = new ArrayList<>(candidates.size());
        for (Census.Candidate candidate : candidates) {
            Enriched read = Parallel.await(reads.get(candidate.id()), "token metadata");
            results.add(new Enriched(candidate, read.metadata(), read.failure()));
        }
        return results;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
