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

    void addOther(String id) {
        others.add(id);
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
            } else if (insert(table, high, low)) {
                pairs++;
                if (pairs > capacity() * MAX_LOAD) {
                    grow();
                }
            }
        }

        boolean contains(long h, long l) {
            if (h == 0 && l == 0) {
                return containsZero;
            }
            long[] t = table;
            int mask = (t.length >> 1) - 1;
            for (int slot = hash(h, l) & mask;; slot = (slot + 1) & mask) {
                long sh = t[slot << 1];
                long sl = t[(slot << 1) + 1];
                if (sh == h && sl == l) {
                    return true;
                }
                if (sh == 0 && sl == 0) {
                    return false;
                }
            }
        }

        int size() {
            return pairs + (containsZero ? 1 : 0);
        }

        private int capacity() {
            return table.length >> 1;
        }

        private static boolean insert(long[] t, long h, long l) {
            int mask = (t.length >> 1) - 1;
            for (int slot = hash(h, l) & mask;; slot = (slot + 1) & mask) {
                int i = slot << 1;
                if (t[i] == 0 && t[i + 1] == 0) {
                    t[i] = h;
                    t[i + 1] = l;
                    return true;
                }
                if (t[i] == h && t[i + 1] == l) {
                    return false;
                }
            }
        }

        private void grow() {
            long[] old = table;
            long[] bigger = new long[old.length * 2];
            for (int i = 0; i < old.length; i += 2) {
                if (old[i] != 0 || old[i + 1] != 0) {
                    insert(bigger, old[i], old[i + 1]);
                }
            }
            table = bigger;
        }

        private static int hash(long h, long l) {
            long x = h * 0x9E3779B97F4A7C15L ^ l * 0xC2B2AE3D27D4EB4FL;
            return (int) (x ^ (x >>> 29) ^ (x >>> 43));
        }
    }
}
