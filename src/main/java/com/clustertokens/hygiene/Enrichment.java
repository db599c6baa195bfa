package com.clustertokens.hygiene;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.clustertokens.cluster.ClusterTokenClient;
import com.clustertokens.cluster.TokenMetadata;
import com.clustertokens.error.ClusterUnavailableException;
import com.clustertokens.error.TokenNotFoundException;

/**
 * Reads the metadata of stale tokens, at most {@code concurrency} requests at once. A token deleted meanwhile
 * (404) is noted, not fatal; any other failure fails the run, so the schedule's retry and DLQ see it.
 */
final class Enrichment {

    /** A candidate and its metadata; {@code metadata} is null when the token was deleted meanwhile. */
    record Enriched(Census.Candidate candidate, TokenMetadata metadata) {
        boolean deleted() {
            return metadata == null;
        }
    }

    private Enrichment() {
    }

    static List<Enriched> fetch(ClusterTokenClient cluster, List<Census.Candidate> candidates, int concurrency) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, candidates.size()), r -> {
            Thread thread = new Thread(r, "stale-tokens-metadata-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Enriched>> pending = new ArrayList<>(candidates.size());
            for (Census.Candidate candidate : candidates) {
                pending.add(pool.submit(() -> {
                    try {
                        return new Enriched(candidate, cluster.metadata(candidate.id()));
                    } catch (TokenNotFoundException deletedMeanwhile) {
                        return new Enriched(candidate, null);
                    }
                }));
            }
            List<Enriched> results = new ArrayList<>(candidates.size());
            for (Future<Enriched> future : pending) {
                results.add(await(future));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Enriched await(Future<Enriched> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new ClusterUnavailableException("Reading token metadata failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterUnavailableException("Interrupted while reading token metadata");
        }
    }
}
