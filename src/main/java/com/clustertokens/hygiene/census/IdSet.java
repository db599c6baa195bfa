package com.clustertokens.hygiene.census;

import java.util.HashSet;
import java.util.Set;

import com.clustertokens.cluster.ListEntry;

/**
 * A set of token ids sized for a million entries in a small heap: an id in a compact form (canonical UUID, or
 * {@code dt0c01.<24 base-32 characters>}, see {@link ListEntry}) is kept as two longs in an open-addressing table
 * of its form (16 bytes a slot instead of ~150 for a String in a HashSet); any other id, which the API does not rule
 * out, is kept as its String. Not thread-safe.
 */
final class IdSet {

    // One table per form: the same two longs can be a UUID and a dt0c01 id, which are different ids.
    private final PairTable uuids = new PairTable();
    private final PairTable dt0c01s = new PairTable();
    private final Set<String> others = new HashSet<>();

    void addCompact(boolean dt0c01, long high, long low) {
        (dt0c01 ? dt0c01s : uuids).add(high, low);
    }

    void add(ListEntry entry) {
        if (entry.idIsCompact()) {
            addCompact(entry.idIsDt0c01(), entry.idHigh(), entry.idLow());
        } else {
            others.add(entry.id());
        }
    }

    boolean contains(ListEntry entry) {
        if (!entry.hasId()) {
            return false;
        }
        if (!entry.idIsCompact()) {
            return !others.isEmpty() && others.contains(entry.id());
        }
        return (entry.idIsDt0c01() ? dt0c01s : uuids).contains(entry.idHigh(), entry.idLow());
    }

    int size() {
        return uuids.size() + dt0c01s.size() + others.size();
    }

    /** Pairs of longs in open addressing; (0, 0) marks an empty slot, so that pair is a flag of its own. */
    private static final class PairTable {
        private static final float MAX_LOAD = 0.6f;
        // Both halves of a slot side by side (slot * 2, slot * 2 + 1): a probe touches one cache line, not two. With
        // a million ids the table outgrows the CPU caches, and these misses were most of a stale-tokens run's time.
        private long[] table = new long[2 * 2048];
        private int pairs;
        private boolean containsZero;

        void add(long high, long low) {
            if (high == 0 && low == 0) {
                containsZero = true;
            } else if (insert(table, high, low) && ++pairs > (table.length >> 1) * MAX_LOAD) {
                long[] bigger = new long[table.length * 2];
                for (int i = 0; i < table.length; i += 2) {
                    if (table[i] != 0 || table[i + 1] != 0) {
                        insert(bigger, table[i], table[i + 1]);
                    }
                }
                table = bigger;
            }
        }

        boolean contains(long h, long l) {
            if (h == 0 && l == 0) {
                return containsZero;
            }
            long[] t = table;
            int i = probe(t, h, l);
            return t[i] != 0 || t[i + 1] != 0;
        }

        int size() {
            return pairs + (containsZero ? 1 : 0);
        }

        private static boolean insert(long[] t, long h, long l) {
            int i = probe(t, h, l);
            if (t[i] != 0 || t[i + 1] != 0) {
                return false;
            }
            t[i] = h;
            t[i + 1] = l;
            return true;
        }

        /** Where the pair is in {@code t}, or the empty slot it would take (index of its first long). */
        private static int probe(long[] t, long h, long l) {
            int mask = (t.length >> 1) - 1;
            long x = h * 0x9E3779B97F4A7C15L ^ l * 0xC2B2AE3D27D4EB4FL;
            for (int slot = (int) (x ^ (x >>> 29) ^ (x >>> 43)) & mask;; slot = (slot + 1) & mask) {
                int i = slot << 1;
                if ((t[i] == h && t[i + 1] == l) || (t[i] == 0 && t[i + 1] == 0)) {
                    return i;
                }
            }
        }
    }
}
