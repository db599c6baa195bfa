package com.clustertokens.hygiene.census;

import java.util.function.IntFunction;

import com.clustertokens.cluster.ListEntry;

/**
 * The layout of an {@link IdSequence}'s chunks: {@link #SIZE} entries of a pair of longs each, then a bit per entry
 * set when its pair is a dt0c01 id rather than a UUID. A pair (0, 0) marks an id kept as a String instead (no
 * compact form, or the all-zero pair). Fixed-size chunks, never copied, so that no garbage grows with the list and
 * no array is replaced under a reader.
 */
final class IdChunks {

    /** Entries per chunk, 2^12. */
    static final int SHIFT = 12;
    static final int SIZE = 1 << SHIFT;
    /** Where a chunk's dt0c01 bits start: after its SIZE pairs of longs come SIZE / 64 words, a bit per entry. */
    private static final int BITS_AT = 2 * SIZE;

    private IdChunks() {
    }

    static long[] allocate() {
        return new long[BITS_AT + SIZE / 64];
    }

    /** Stores the entry's id at {@code index} of the chunk; false if it has no compact form to store there. */
    static boolean put(long[] chunk, int index, ListEntry entry) {
        if (!entry.idIsCompact() || (entry.idHigh() == 0 && entry.idLow() == 0)) {
            return false;
        }
        chunk[index * 2] = entry.idHigh();
        chunk[index * 2 + 1] = entry.idLow();
        if (entry.idIsDt0c01()) {
            chunk[BITS_AT + (index >>> 6)] |= 1L << index;
        }
        return true;
    }

    /** Whether the pair at {@code index} of this chunk is a dt0c01 id. */
    static boolean isDt0c01(long[] chunk, int index) {
        return (chunk[BITS_AT + (index >>> 6)] & (1L << index)) != 0;
    }

    /** The first {@code count} ids of {@code chunks} as a set; {@code other.apply(i)}: the i-th id kept as a String. */
    static IdSet toSet(long[][] chunks, int count, IntFunction<String> other) {
        IdSet set = new IdSet();
        int others = 0;
        for (int i = 0; i < count; i++) {
            long[] in = chunks[i >>> SHIFT];
            int index = i & (SIZE - 1);
            long high = in[index * 2];
            long low = in[index * 2 + 1];
            if (high != 0 || low != 0) {
                set.addCompact(isDt0c01(in, index), high, low);
                continue;
            }
            ListEntry entry = ListEntry.of(other.apply(others++), null);
            if (entry.idIsCompact()) {
                set.addCompact(entry.idIsDt0c01(), entry.idHigh(), entry.idLow());
            } else {
                set.addOther(entry.id());
            }
        }
        return set;
    }
}
