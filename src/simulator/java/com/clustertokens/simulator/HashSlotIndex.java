package com.clustertokens.simulator;

import java.util.function.IntPredicate;

/**
 * Maps 64-bit string hashes to store slots in two flat arrays, so that a million tokens cost about 24 MB
 * of index instead of a million map entries; callers confirm each candidate slot because hashes may collide.
 */
final class HashSlotIndex {

    private static final int MIN_CAPACITY = 64;

    private long[] keys;
    private int[] slotsPlusOne; // 0 marks an empty cell, which spares a separate occupancy array
    private int used;

    HashSlotIndex() {
        clear();
    }

    void clear() {
        keys = new long[MIN_CAPACITY];
        slotsPlusOne = new int[MIN_CAPACITY];
        used = 0;
    }

    /** Presizes for {@code extra} more entries so bulk loads rehash at most once. */
    void reserve(int extra) {
        long needed = ((long) used + extra) * 2;
        if (needed > keys.length) {
            int capacity = Integer.highestOneBit((int) Math.min(needed - 1, 1 << 29)) << 1;
            rehash(Math.max(capacity, MIN_CAPACITY));
        }
    }

    void put(String text, int slot) {
        if ((used + 1) * 2 > keys.length) {
            rehash(keys.length * 2);
        }
        insert(hash(text), slot);
        used++;
    }

    /** The first slot under {@code text}'s hash that {@code accept} confirms, or -1. */
    int find(String text, IntPredicate accept) {
        long key = hash(text);
        int mask = keys.length - 1;
        for (int i = spread(key) & mask; slotsPlusOne[i] != 0; i = (i + 1) & mask) {
            if (keys[i] == key && accept.test(slotsPlusOne[i] - 1)) {
                return slotsPlusOne[i] - 1;
            }
        }
        return -1;
    }

    private void insert(long key, int slot) {
        int mask = keys.length - 1;
        int i = spread(key) & mask;
        while (slotsPlusOne[i] != 0) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        slotsPlusOne[i] = slot + 1;
    }

    private void rehash(int capacity) {
        long[] oldKeys = keys;
        int[] oldSlots = slotsPlusOne;
        keys = new long[capacity];
        slotsPlusOne = new int[capacity];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldSlots[i] != 0) {
                insert(oldKeys[i], oldSlots[i] - 1);
            }
        }
    }

    private static int spread(long key) {
        return (int) (key ^ (key >>> 32));
    }

    // FNV-1a over the chars, then a murmur finaliser: String.hashCode's 32 bits would collide too often at 1M.
    static long hash(String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    @Override
    public String toString() {
        return "HashSlotIndex[used=" + used + ", capacity=" + keys.length + "]";
    }
}
