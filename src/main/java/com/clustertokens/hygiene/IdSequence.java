package com.clustertokens.hygiene;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.clustertokens.cluster.ListEntry;
import com.clustertokens.error.ClusterUnavailableException;

/**
 * The ids of one list response in the order the cluster sent them, 16 bytes per UUID id. The cluster lists tokens
 * in one stable order, so a filtered list is a subsequence of the full one: a {@link Cursor} walks it alongside the
 * full list and classifies each token with two comparisons instead of lookups, even while this sequence is still
 * being filled by another thread. Whether the order held is known at the end ({@link Cursor#exhausted()});
 * {@link #toSet()} serves the lookup way when it did not. One thread fills it; any number of cursors read it.
 */
final class IdSequence implements Consumer<ListEntry> {

    private static final int OPEN = 0;
    private static final int DONE = 1;
    private static final int ABANDONED = 2;
    /** Entries appended between two publications to the cursors. */
    private static final int BATCH = 4096;

    // Pairs of longs; (0, 0) marks an id kept in "others" instead: not a canonical UUID, or the all-zero one.
    private long[] uuids = new long[2 * 4096];
    private int size;
    private final List<String> others = new ArrayList<>();
    private volatile int published;
    private volatile int state = OPEN;
    private volatile boolean waiting;

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
        if (size * 2 == uuids.length) {
            uuids = Arrays.copyOf(uuids, uuids.length * 2);
        }
        if (entry.idIsUuid() && (entry.idHigh() != 0 || entry.idLow() != 0)) {
            uuids[size * 2] = entry.idHigh();
            uuids[size * 2 + 1] = entry.idLow();
        } else {
            synchronized (others) {
                others.add(entry.id());
            }
        }
        size++;
        if (size % BATCH == 0) {
            publish();
        }
    }

    /** Marks the sequence complete: the list was read to its end. */
    void finish() {
        end(DONE);
    }

    /** Marks the sequence given up (its call failed or was retried): cursors on it stop and report inexact. */
    void abandon() {
        end(ABANDONED);
    }

    int size() {
        return size;
    }

    /** A walk from the start. */
    Cursor cursor() {
        return new Cursor();
    }

    /** The same ids as a set, for classifying a list that came in another order. Call once it is finished. */
    IdSet toSet() {
        IdSet set = new IdSet();
        int other = 0;
        for (int i = 0; i < size; i++) {
            long high = uuids[i * 2];
            long low = uuids[i * 2 + 1];
            if (high != 0 || low != 0) {
                set.addUuid(high, low);
                continue;
            }
            ListEntry entry = ListEntry.of(otherAt(other++), null);
            if (entry.idIsUuid()) {
                set.addUuid(entry.idHigh(), entry.idLow());
            } else {
                set.addOther(entry.id());
            }
        }
        return set;
    }

    private void publish() {
        published = size;
        if (waiting) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    private void end(int outcome) {
        synchronized (this) {
            if (state == OPEN) {
                published = size;
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

    /** How many entries a cursor may read beyond {@code position}, waiting for the filling thread if need be. */
    private int awaitBeyond(int position) {
        int visible = published;
        if (visible > position) {
            return visible;
        }
        if (state != OPEN) {
            return published; // read again: end() sets published before state
        }
        synchronized (this) {
            try {
                // "waiting" is set before published is read again: the filler then either sees it or is seen.
                while (true) {
                    waiting = true;
                    int outcome = state;
                    visible = published;
                    if (visible > position || outcome != OPEN) {
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
        private int visible;

        /** Whether {@code entry} has the id at the cursor; if so, moves past it. */
        boolean advanceIf(ListEntry entry) {
            if (position >= visible) {
                visible = awaitBeyond(position);
                if (position >= visible) {
                    return false;
                }
            }
            if (!entry.hasId()) {
                return false;
            }
            long[] ids = uuids;
            long high = ids[position * 2];
            long low = ids[position * 2 + 1];
            boolean match;
            if (high != 0 || low != 0) {
                match = entry.idEquals(high, low);
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
            return state == DONE && position == size;
        }
    }
}
