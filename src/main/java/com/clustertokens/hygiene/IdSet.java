package com.clustertokens.hygiene;

import java.util.HashSet;
import java.util.Set;

/**
 * A set of token ids sized for a million entries in a small heap: an id in canonical UUID form (lower-case,
 * 8-4-4-4-12) is kept as two longs in an open-addressing table (16 bytes a slot instead of ~150 for a String in
 * a HashSet); any other id, which the API does not rule out, is kept as its String.
 */
final class IdSet {

    private static final float MAX_LOAD = 0.6f;

    private long[] high = new long[2048];
    private long[] low = new long[2048];
    private int uuids;
    private boolean containsZero;
    private final Set<String> others = new HashSet<>();

    void add(String id) {
        if (id == null) {
            return;
        }
        long[] parsed = parseUuid(id);
        if (parsed == null) {
            others.add(id);
        } else if (parsed[0] == 0 && parsed[1] == 0) {
            containsZero = true;
        } else if (insert(parsed[0], parsed[1])) {
            uuids++;
            if (uuids > high.length * MAX_LOAD) {
                grow();
            }
        }
    }

    boolean contains(String id) {
        if (id == null) {
            return false;
        }
        long[] parsed = parseUuid(id);
        if (parsed == null) {
            return others.contains(id);
        }
        if (parsed[0] == 0 && parsed[1] == 0) {
            return containsZero;
        }
        int mask = high.length - 1;
        for (int slot = hash(parsed[0], parsed[1]) & mask;; slot = (slot + 1) & mask) {
            if (high[slot] == 0 && low[slot] == 0) {
                return false;
            }
            if (high[slot] == parsed[0] && low[slot] == parsed[1]) {
                return true;
            }
        }
    }

    int size() {
        return uuids + (containsZero ? 1 : 0) + others.size();
    }

    private boolean insert(long h, long l) {
        int mask = high.length - 1;
        for (int slot = hash(h, l) & mask;; slot = (slot + 1) & mask) {
            if (high[slot] == 0 && low[slot] == 0) {
                high[slot] = h;
                low[slot] = l;
                return true;
            }
            if (high[slot] == h && low[slot] == l) {
                return false;
            }
        }
    }

    private void grow() {
        long[] oldHigh = high;
        long[] oldLow = low;
        high = new long[oldHigh.length * 2];
        low = new long[oldLow.length * 2];
        for (int i = 0; i < oldHigh.length; i++) {
            if (oldHigh[i] != 0 || oldLow[i] != 0) {
                insert(oldHigh[i], oldLow[i]);
            }
        }
    }

    private static int hash(long h, long l) {
        long x = h * 0x9E3779B97F4A7C15L ^ l * 0xC2B2AE3D27D4EB4FL;
        return (int) (x ^ (x >>> 29) ^ (x >>> 43));
    }

    /** The two halves of a canonical lower-case UUID, or null for any other string (kept as it is). */
    static long[] parseUuid(String id) {
        if (id.length() != 36 || id.charAt(8) != '-' || id.charAt(13) != '-' || id.charAt(18) != '-'
                || id.charAt(23) != '-') {
            return null;
        }
        long h = 0;
        long l = 0;
        int digits = 0;
        for (int i = 0; i < 36; i++) {
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                continue;
            }
            char c = id.charAt(i);
            int v;
            if (c >= '0' && c <= '9') {
                v = c - '0';
            } else if (c >= 'a' && c <= 'f') {
                v = c - 'a' + 10;
            } else {
                return null; // upper case too: "A" and "a" would collide, and ids are compared as strings
            }
            if (digits < 16) {
                h = (h << 4) | v;
            } else {
                l = (l << 4) | v;
            }
            digits++;
        }
        return new long[] {h, l};
    }
}
