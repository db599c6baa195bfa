package com.clustertokens.hygiene;

import java.util.HashSet;
import java.util.Set;

import com.clustertokens.cluster.ListEntry;

/**
 * A set of token ids sized for a million entries in a small heap: an id in canonical UUID form (lower-case,
 * 8-4-4-4-12) is kept as two longs in an open-addressing table (16 bytes a slot instead of ~150 for a String in
 * a HashSet); any other id, which the API does not rule out, is kept as its String. Not thread-safe.
 */
final class IdSet {

    private static final float MAX_LOAD = 0.6f;
    // Both halves of a slot side by side (slot * 2, slot * 2 + 1): a probe touches one cache line, not two. With a
    // million ids the table outgrows the CPU caches, and these misses were most of a stale-tokens run's time.
    private long[] table = new long[2 * 2048];
    private int uuids;
    private boolean containsZero;
    private final Set<String> others = new HashSet<>();

    void addUuid(long high, long low) {
        if (high == 0 && low == 0) {
            containsZero = true; // all zeros marks an empty slot in the table
        } else if (insert(table, high, low)) {
            uuids++;
            if (uuids > capacity() * MAX_LOAD) {
                grow();
            }
        }
    }

    void addOther(String id) {
        others.add(id);
    }

    boolean contains(ListEntry entry) {
        if (!entry.hasId()) {
            return false;
        }
        if (!entry.idIsUuid()) {
            return !others.isEmpty() && others.contains(entry.id());
        }
        long h = entry.idHigh();
        long l = entry.idLow();
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
        return uuids + (containsZero ? 1 : 0) + others.size();
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
