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
 * it (and finishes or abandons it); any number of cursors read it. A chunk holds {@link #SIZE} pairs of longs,
 * then a bit per entry set for a dt0c01 id; a pair (0, 0) marks an id kept as a String. Fixed-size chunks, never
 * copied: no garbage grows with the list and no array is replaced under a reader.
 */
final class IdSequence implements Consumer<ListEntry> {

    private static final int OPEN = 0;
    private static final int DONE = 1;
    private static final int ABANDONED = 2;
    private static final int SHIFT = 12;
    private static final int SIZE = 1 << SHIFT;
    private static final int BITS_AT = 2 * SIZE;

    // The filling thread's own: cursors never read these fields, only what a Published hands them.
    private long[][] chunks = new long[16][];
    private long[] chunk;
    private int size;
    private final List<String> others = new ArrayList<>(); // guarded by itself: cursors read it while it grows
    private volatile Published published = new Published(chunks, 0);
    private volatile int state = OPEN;
    private volatile boolean waiting;

    /**
     * The first {@code count} entries, handed to the cursors with the chunk directory that holds them. This makes
     * the hand-over correct under the Java memory model on any hardware (arm64 included), not only on x86: the filler
     * writes entries [0, count) and their directory slots, then this record to the volatile {@code published}; a
     * cursor reads that field, then the entries, so those writes happen-before its reads (JLS 17.4.4-5), and nothing
     * writes them again (a grown directory is a copy no cursor sees before a later record). A plain field would let
     * a cursor see a new array without its contents. Until the end, records hand over whole chunks only, so no word of
     * dt0c01 bits mixes handed-over entries with ones still being written.
     */
    private record Published(long[][] chunks, int count) {
    }

    /** Attempts of one list call: {@code first}, then on a retry fresh sequences, abandoning {@code first}. */
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

    @Override
    public void accept(ListEntry entry) {
        if (!entry.hasId()) {
            return;
        }
        int index = size & (SIZE - 1);
        if (index == 0) {
            if (size >>> SHIFT == chunks.length) {
                chunks = Arrays.copyOf(chunks, chunks.length * 2);
            }
            chunk = new long[BITS_AT + SIZE / 64];
            chunks[size >>> SHIFT] = chunk;
        }
        if (entry.idIsCompact() && (entry.idHigh() != 0 || entry.idLow() != 0)) {
            chunk[index * 2] = entry.idHigh();
            chunk[index * 2 + 1] = entry.idLow();
            if (entry.idIsDt0c01()) {
                chunk[BITS_AT + (index >>> 6)] |= 1L << index;
            }
        } else {
            synchronized (others) {
                others.add(entry.id());
            }
        }
        size++;
        if ((size & (SIZE - 1)) == 0) {
            published = new Published(chunks, size);
            if (waiting) {
                synchronized (this) {
                    notifyAll();
                }
            }
        }
    }

    void finish() {
        end(DONE);
    }

    /** Its call failed or was retried: cursors on it stop and report inexact. */
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

    Cursor cursor() {
        return new Cursor();
    }

    /** The same ids as a set, for classifying a list that came in another order. Only once it is finished. */
    IdSet toSet() {
        if (state != DONE) { // read before "published": end() writes it first
            throw new IllegalStateException("the id sequence is not finished");
        }
        Published all = published;
        IdSet set = new IdSet();
        for (int i = 0, other = 0; i < all.count(); i++) {
            long[] in = all.chunks()[i >>> SHIFT];
            int index = i & (SIZE - 1);
            if (in[index * 2] != 0 || in[index * 2 + 1] != 0) {
                set.addCompact(isDt0c01(in, index), in[index * 2], in[index * 2 + 1]);
            } else {
                set.add(ListEntry.of(otherAt(other++), null));
            }
        }
        return set;
    }

    private static boolean isDt0c01(long[] chunk, int index) {
        return (chunk[BITS_AT + (index >>> 6)] & (1L << index)) != 0;
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
                // "waiting" and "published" are volatile, written and read in opposite orders here and in accept():
                // in the single order of volatile accesses the filler either sees the flag and notifies (after
                // wait() released the monitor) or is seen, so no wake-up is lost.
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
            long[] in = chunks[position >>> SHIFT];
            int index = position & (SIZE - 1);
            long high = in[index * 2];
            long low = in[index * 2 + 1];
            boolean match;
            if (high != 0 || low != 0) {
                match = entry.idEquals(isDt0c01(in, index), high, low);
            } else {
                match = otherAt(otherPosition).equals(entry.id());
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
