package com.clustertokens.cluster;

import java.util.Arrays;

/**
 * One entry of a list body while it is read, for passes over a million entries that keep almost none of them:
 * the id as two longs when it is a canonical lower-case UUID (as the cluster's ids are), and id and name as
 * characters that become Strings only when asked for. The reader reuses one instance for every entry, so a
 * consumer must copy what it keeps before it returns.
 */
public final class ListEntry {

    /** Value of each hex digit by character, -1 for any other char (upper case included); no range check needed. */
    private static final byte[] HEX = new byte[Character.MAX_VALUE + 1];

    static {
        Arrays.fill(HEX, (byte) -1);
        for (int c = '0'; c <= '9'; c++) {
            HEX[c] = (byte) (c - '0');
        }
        for (int c = 'a'; c <= 'f'; c++) {
            HEX[c] = (byte) (c - 'a' + 10);
        }
    }

    private final Chars id = new Chars();
    private final Chars name = new Chars();
    private boolean parsed;
    private boolean uuid;
    private boolean highParsed;
    private boolean highValid;
    private long high;
    private long low;

    /** An entry holding these values, as the reader presents one; for callers that have Strings. */
    public static ListEntry of(String id, String name) {
        ListEntry entry = new ListEntry();
        if (id != null) {
            entry.setId(id.toCharArray(), 0, id.length());
        }
        if (name != null) {
            entry.setName(name.toCharArray(), 0, name.length());
        }
        return entry;
    }

    /** Whether the entry has an id at all (the API always sends one; a broken body may not). */
    public boolean hasId() {
        return id.present;
    }

    /**
     * Whether the id is a canonical lower-case UUID, so that {@link #idHigh()} and {@link #idLow()} identify it.
     * Upper case does not count: ids are compared as the strings they are, and "A" and "a" would collide.
     */
    public boolean idIsUuid() {
        if (!parsed) {
            uuid = highIsValid() && parseLow();
            parsed = true;
        }
        return uuid;
    }

    /** The first 64 bits of a UUID id; call {@link #idIsUuid()} first. */
    public long idHigh() {
        return high;
    }

    /** The last 64 bits of a UUID id; call {@link #idIsUuid()} first. */
    public long idLow() {
        return low;
    }

    /** The id as a new String; null when absent. */
    public String id() {
        return id.string();
    }

    /** The name as a new String; null when absent. */
    public String name() {
        return name.string();
    }

    /**
     * Whether the id is the canonical UUID with these halves. Most ids differ in the first half, so that is read
     * first and the second only on a match: a walk comparing a million ids parses half of each.
     */
    public boolean idEquals(long uuidHigh, long uuidLow) {
        if (!highIsValid() || high != uuidHigh) {
            return false;
        }
        return idIsUuid() && low == uuidLow;
    }

    /** Whether the name is exactly {@code candidate}; compares characters, builds nothing. */
    public boolean nameEquals(String candidate) {
        return name.equalsString(candidate);
    }

    void clear() {
        id.present = false;
        name.present = false;
        parsed = false;
        highParsed = false;
    }

    void setId(char[] source, int offset, int length) {
        id.set(source, offset, length);
        parsed = false;
        highParsed = false;
    }

    void setName(char[] source, int offset, int length) {
        name.set(source, offset, length);
    }

    private boolean highIsValid() {
        if (!highParsed) {
            highValid = id.present && parseHigh();
            highParsed = true;
        }
        return highValid;
    }

    /** Parses the last 16 hex digits (4-12) into {@code low}, checking the last dash. */
    private boolean parseLow() {
        char[] c = id.chars;
        if (c[23] != '-') {
            return false;
        }
        long invalid = 0;
        long l = 0;
        for (int i = 19; i < 36; i++) {
            if (i != 23) {
                int v = HEX[c[i]];
                invalid |= v;
                l = (l << 4) | (v & 0xF);
            }
        }
        low = l;
        return invalid >= 0;
    }

    /** Parses the first 16 hex digits (8-4-4) into {@code high}, checking the first three dashes and the length. */
    private boolean parseHigh() {
        char[] c = id.chars;
        if (id.length != 36 || c[8] != '-' || c[13] != '-' || c[18] != '-') {
            return false;
        }
        // Any char that is not a lower-case hex digit is -1 in HEX and turns "invalid" negative.
        long invalid = 0;
        long h = 0;
        for (int i = 0; i < 18; i++) {
            if (i != 8 && i != 13) {
                int v = HEX[c[i]];
                invalid |= v;
                h = (h << 4) | (v & 0xF);
            }
        }
        high = h;
        return invalid >= 0;
    }

    /** A reusable character buffer: the parser's own buffer is overwritten by the next field. */
    private static final class Chars {
        private char[] chars = new char[64];
        private int length;
        private boolean present;

        void set(char[] source, int offset, int count) {
            if (count > chars.length) {
                chars = new char[Math.max(count, chars.length * 2)];
            }
            System.arraycopy(source, offset, chars, 0, count);
            length = count;
            present = true;
        }

        String string() {
            return present ? new String(chars, 0, length) : null;
        }

        boolean equalsString(String candidate) {
            if (!present || candidate == null || candidate.length() != length) {
                return false;
            }
            for (int i = 0; i < length; i++) {
                if (chars[i] != candidate.charAt(i)) {
                    return false;
                }
            }
            return true;
        }
    }
}
