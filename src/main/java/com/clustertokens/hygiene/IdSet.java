package com.clustertokens.hygiene;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * A set of token ids sized for a million entries in a small heap: an id in canonical UUID form (lower-case,
 * 8-4-4-4-12) is kept as two longs in an open-addressing table (16 bytes a slot instead of ~150 for a String in
 * a HashSet); any other id, which the API does not rule out, is kept as its String. Not thread-safe.
 */
final class IdSet {

    private static final float MAX_LOAD = 0.6f;
    /** Value of each hex digit by character, -1 for anything else (upper case included). */
    private static final byte[] HEX = new byte[128];

    static {
        Arrays.fill(HEX, (byte) -1);
        for (int c = '0'; c <= '9'; c++) {
            HEX[c] = (byte) (c - '0');
        }
        for (int c = 'a'; c <= 'f'; c++) {
            HEX[c] = (byte) (c - 'a' + 10);
        }
    }

    // Both halves of a slot side by side (slot * 2, slot * 2 + 1): a probe touches one cache line, not two. With a
    // million ids the table outgrows the CPU caches, and these misses were most of a stale-tokens run's time.
    private long[] table = new long[2 * 2048];
    private int uuids;
    private boolean containsZero;
    private final Set<String> others = new HashSet<>();
    // The halves of the id parse() last accepted; fields rather than a returned array: a million ids are looked up.
    private long parsedHigh;
    private long parsedLow;

    void add(String id) {
        if (id == null) {
            return;
        }
        if (!parse(id)) {
            others.add(id);
        } else if (parsedHigh == 0 && parsedLow == 0) {
            containsZero = true;
        } else if (insert(table, parsedHigh, parsedLow)) {
            uuids++;
            if (uuids > capacity() * MAX_LOAD) {
                grow();
            }
        }
    }

    boolean contains(String id) {
        if (id == null) {
            return false;
        }
        if (!parse(id)) {
            return others.contains(id);
        }
        long h = parsedHigh;
        long l = parsedLow;
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

    /** Whether {@code id} is a canonical lower-case UUID; if so its halves are in parsedHigh and parsedLow. */
    private boolean parse(String id) {
        if (id.length() != 36 || id.charAt(8) != '-' || id.charAt(13) != '-' || id.charAt(18) != '-'
                || id.charAt(23) != '-') {
            return false;
        }
        long h = 0;
        long l = 0;
        int digits = 0;
        for (int i = 0; i < 36; i++) {
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                continue;
            }
            char c = id.charAt(i);
            int v = c < 128 ? HEX[c] : -1;
            if (v < 0) {
                return false; // upper case too: "A" and "a" would collide, and ids are compared as strings
            }
            if (digits < 16) {
                h = (h << 4) | v;
            } else {
                l = (l << 4) | v;
            }
            digits++;
        }
        parsedHigh = h;
        parsedLow = l;
        return true;
    }
}
