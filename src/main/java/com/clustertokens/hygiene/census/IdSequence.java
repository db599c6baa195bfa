package com.clustertokens.hygiene.census;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.clustertokens.cluster.ListEntry;
import com.clustertokens.error.ClusterUnavailableException;

/**
 * The ids of one list response in the order the cluster sent them, 16 bytes per id in a compact form (see
 * {@link ListEntry}). The cluster lists tokens in one stable order, so a filtered list is a subsequence of the full
 * one: a {@link Cursor} walks it alongside the full list and classifies each token with two comparisons instead of
 * lookups, even while this sequence is still being filled by another thread. Whether the order held is known at
 * the end ({@link Cursor#exhausted()}); {@link #toSet()} serves the lookup way when it did not. One thread fills
 * it (and finishes or abandons it); any number of cursors read it.
 */
final class IdSequence implements Consumer<ListEntry> {

    private static final int OPEN = 0;
    private static final int DONE = 1;
    private static final int ABANDONED = 2;

    // The filling thread's own: cursors never read these fields, only what a Published hands them. The chunks are
    // laid out as IdChunks says; an id without a compact form is kept in "others".
    private long[][] chunks = new long[16][];
    private long[] chunk;
    private int size;
    private final List<String> others = new ArrayList<>(); // guarded by itself: cursors read it while it grows
    private volatile Published published = new Published(chunks, 0);
    private volatile int state = OPEN;
    private volatile boolean waiting;

    /**
     * The first {@code count} entries, handed to the cursors with the chunk directory that holds them. This is what
     * makes the hand-over correct under the Java memory model on any hardware (arm64 included), not only on x86:
     * the filler writes entries [0, count) and their directory slots, then writes this record to the volatile field
     * {@code published}; a cursor reads that field, then the entries. A volatile write and a read that sees it
     * synchronize, so those writes happen-before the cursor's reads (JLS 17.4.4-5), and nothing writes them again:
     * later entries go to later chunks, and a grown directory is a copy no cursor sees before a later record hands it
     * over. (A plain field holding the arrays would let a cursor see a new array without its contents: only x86's
     * store order rules that out.) Until the end, records hand over whole chunks only, so no word of dt0c01 bits
     * mixes handed-over entries with ones still being written; at the end the filler writes nothing more.
     */
    private record Published(long[][] chunks, int count) {
    }

    /**
     * Attempts of one list call that fill {@code first} and, if the call is retried, fresh sequences: the retry
     * abandons {@code first}, so that its cursors stop waiting for it.
     */
    static Supplier<IdSequence> attempts(IdSequence first) {
        AtomicBoolean handedOut = new AtomicBoolean();
        return () -> {
            if (handedOut.compareAndSet(false, true)) {
                return first;
            }
            first.abandon();
            return new IdSequence();
        };
    }

    /** Appends the entry's id. */
    @Override
    public void accept(ListEntry entry) {
        if (!entry.hasId()) {
            return;
        }
        int index = size & (IdChunks.SIZE - 1);
        if (index == 0) {
            if (size >>> IdChunks.SHIFT == chunks.length) {
                chunks = Arrays.copyOf(chunks, chunks.length * 2);
            }
            chunk = IdChunks.allocate();
            chunks[size >>> IdChunks.SHIFT] = chunk;
        }
        if (!IdChunks.put(chunk, index, entry)) {
            synchronized (others) {
                others.add(entry.id());
            }
        }
        size++;
        if ((size & (IdChunks.SIZE - 1)) == 0) {
            publish();
        }
    }

    /** Marks the sequence complete: the list was read to its end. Called by the filling thread. */
    void finish() {
        end(DONE);
    }

    /**
     * Marks the sequence given up (its call failed or was retried): cursors on it stop and report inexact. Called
     * by the filling thread.
     */
    void abandon() {
        end(ABANDONED);
    }

    /** How many ids were handed to the cursors: all of them once finished. */
    int size() {
        return published.count();
    }

    /** How many ids had no compact form and are kept as Strings, on the slow path. */
    int keptAsStrings() {
        synchronized (others) {
            return others.size();
        }
    }

    /** A walk from the start. */
    Cursor cursor() {
        return new Cursor();
    }

    /** The same ids as a set, for classifying a list that came in another order. Only once it is finished. */
    IdSet toSet() {
        if (state != DONE) { // read before "published": end() writes it first
            throw new IllegalStateException("the id sequence is not finished");
        }
        Published all = published;
        return IdChunks.toSet(all.chunks(), all.count(), this::otherAt);
    }

    private void publish() {
        published = new Published(chunks, size);
        if (waiting) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    private void end(int outcome) {
        synchronized (this) {
            if (state == OPEN) {
                published = new Published(chunks, size);
                state = outcome;
            }
            notifyAll();
        }
    }

    private String otherAt(int index) {
        synchronized (others) {
            return others.get(index);
        }
    }

    /** What a cursor may read once it is beyond {@code position}, waiting for the filling thread if need be. */
    private Published awaitBeyond(int position) {
        Published visible = published;
        if (visible.count() > position) {
            return visible;
        }
        if (state != OPEN) {
            return published; // read again: end() sets published before state
        }
        synchronized (this) {
            try {
                // "waiting" and "published" are volatile, written and read in opposite orders here and in
                // publish(): in the single order of volatile accesses the filler either sees the flag and notifies
                // (after wait() released the monitor) or is seen, so no wake-up is lost.
                while (true) {
                    waiting = true;
                    int outcome = state;
                    visible = published;
                    if (visible.count() > position || outcome != OPEN) {
                        return visible;
                    }
                    wait(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClusterUnavailableException("Interrupted while classifying the token list");
            } finally {
                waiting = false;
            }
        }
    }

    /** One walk along the sequence; used by one thread. */
    final class Cursor {
        private int position;
        private int otherPosition;
        // The latest Published, unpacked: the hot path reads only this cursor's own fields.
        private long[][] chunks;
        private int visible;

        /** Whether {@code entry} has the id at the cursor; if so, moves past it. */
        boolean advanceIf(ListEntry entry) {
            if (position >= visible) {
                Published handed = awaitBeyond(position);
                chunks = handed.chunks();
                visible = handed.count();
                if (position >= visible) {
                    return false;
                }
            }
            if (!entry.hasId()) {
                return false;
            }
            long[] in = chunks[position >>> IdChunks.SHIFT];
            int index = position & (IdChunks.SIZE - 1);
            long high = in[index * 2];
            long low = in[index * 2 + 1];
            boolean match;
            if (high != 0 || low != 0) {
                match = entry.idEquals(IdChunks.isDt0c01(in, index), high, low);
            } else {
                String other = otherAt(otherPosition);
                match = other.equals(entry.id());
                if (match) {
                    otherPosition++;
                }
            }
            if (match) {
                position++;
            }
            return match;
        }

        /**
         * Whether the walk met every id of a finished sequence, in order: then every token it was shown was
         * classified exactly (ids being unique in a list). False while the sequence is open or if it was abandoned.
         */
        boolean exhausted() {
            return state == DONE && position == published.count(); // state first: end() writes published before
        }
    }
}
