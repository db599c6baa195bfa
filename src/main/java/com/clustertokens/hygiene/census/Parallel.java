package com.clustertokens.hygiene.census;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.clustertokens.error.ClusterUnavailableException;
import com.clustertokens.security.Secrets;

/** Runs a run's independent cluster reads at once, on daemon threads that end with the call. */
final class Parallel {

    private Parallel() {
    }

    static <T> Running<T> start(String threadName, int concurrency, List<Callable<T>> tasks) {
        ExecutorService pool = pool(threadName, Math.min(concurrency, tasks.size()));
        return new Running<>(threadName, pool, tasks.stream().map(pool::submit).toList());
    }

    /** Tasks under way; closing it interrupts those still running. */
    record Running<T>(String what, ExecutorService pool, List<Future<T>> pending) implements AutoCloseable {

        /** Waits for every result, in order; the first failure in that order is thrown as it was. */
        List<T> results() {
            return pending.stream().map(future -> await(future, what)).toList();
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
    }

    static ExecutorService pool(String threadName, int threads) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread thread = new Thread(r, threadName + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * The future's result; its failure thrown as it was (a TokenFunctionException keeps its kind, so the caller reads
     * the real cause and retries only what is transient), a checked one as a CompletionException naming it.
     */
    static <T> T await(Future<T> future, String what) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            // An Error (out of memory, a bug) is no cluster outage and no reason to retry: let it surface as one.
            if (cause instanceof Error error) {
                throw error;
            }
            // Named, not chained: its text is masked like every message, and a chained cause would print unmasked.
            throw new CompletionException(Secrets.mask(what + " failed: " + cause), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterUnavailableException("Interrupted while reading from the cluster (" + what + ")");
        }
    }
}
