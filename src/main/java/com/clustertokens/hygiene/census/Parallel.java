package com.clustertokens.hygiene.census;

import java.util.ArrayList;
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

    /** Starts {@code tasks}, at most {@code concurrency} at once, while the caller goes on with other work. */
    static <T> Running<T> start(String threadName, int concurrency, List<Callable<T>> tasks) {
        ExecutorService pool = pool(threadName, Math.min(concurrency, tasks.size()));
        List<Future<T>> pending = new ArrayList<>(tasks.size());
        for (Callable<T> task : tasks) {
            pending.add(pool.submit(task));
        }
        return new Running<>(threadName, pool, pending);
    }

    /** Tasks under way; closing it interrupts those still running. */
    static final class Running<T> implements AutoCloseable {
        private final String what;
        private final ExecutorService pool;
        private final List<Future<T>> pending;

        private Running(String what, ExecutorService pool, List<Future<T>> pending) {
            this.what = what;
            this.pool = pool;
            this.pending = pending;
        }

        /** Waits for every result, in order; the first failure in that order is thrown as it was. */
        List<T> results() {
            List<T> results = new ArrayList<>(pending.size());
            for (Future<T> future : pending) {
                results.add(await(future, what));
            }
            return results;
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
    }

    /** A pool of {@code threads} daemon threads named after {@code threadName}; shut it down when done. */
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
