package com.clustertokens.cluster;

/**
 * One entry of a list body while it is read, for passes over a million entries that keep almost none of them:
 * the id as two longs when it has a compact form, and id and name as characters that become Strings only when
 * asked for. The compact forms are the canonical lower-case UUID (as the API documentation shows ids: 128 bits)
 * and the token identifier {@code dt0c01.<24 base-32 characters>} (as the environment API lists ids: 120 bits);
 * each maps its strings one to one onto pairs of longs ({@link CompactIds#idOf}), and which form a pair is in travels
 * with it. The reader reuses one instance for every entry, so a consumer must copy what it keeps before it returns.
 */
public final class ListEntry {

    private static final byte[] HEX = CompactIds.HEX;
    private static final byte[] BASE32 = CompactIds.BASE32;

    private final Chars id = new Chars();
    private final Chars name = new Chars();
    private boolean parsed;
    private boolean compact;
    private boolean highParsed;
    private boolean highValid;
    private boolean dt0c01;
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
     * Whether the id has a compact form, so that {@link #idIsDt0c01()}, {@link #idHigh()} and {@link #idLow()}
     * identify it. Any other spelling does not count (upper-case hex, a lower-case or non-base-32 public part):
     * ids are compared as the strings they are, and "A" and "a" would collide.
     */
    public boolean idIsCompact() {
        if (!parsed) {
            compact = highIsValid() && (dt0c01 ? parseDt0c01Low() : parseUuidLow());
            parsed = true;
        }
        return compact;
    }

    /** Whether the id is a canonical lower-case UUID. */
    public boolean idIsUuid() {
        return idIsCompact() && !dt0c01;
    }

    /** The compact form of the id: {@code dt0c01.<public>} if true, UUID if false; after {@link #idIsCompact()}. */
    public boolean idIsDt0c01() {
        return dt0c01;
    }

    /** The first 64 bits of a UUID id, or the first 60 of a dt0c01 one; call {@link #idIsCompact()} first. */
    public long idHigh() {
        return high;
    }

    /** The last 64 bits of a UUID id, or the last 60 of a dt0c01 one; call {@link #idIsCompact()} first. */
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
     * Whether the id is the compact id ({@code isDt0c01}, {@code idHigh}, {@code idLow}). Most ids differ in the
     * first half, so that is read first and the second only on a match: a walk comparing a million ids parses
     * half of each.
     */
    public boolean idEquals(boolean isDt0c01, long idHigh, long idLow) {
        if (!highIsValid() || high != idHigh || dt0c01 != isDt0c01) {
            return false;
        }
        return idIsCompact() && low == idLow;
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

    /** Parses the first half of a compact id; the length tells which form it can be. */
    private boolean highIsValid() {
        if (!highParsed) {
            dt0c01 = id.present && id.length == CompactIds.DT0C01_LENGTH;
            highValid = id.present && (dt0c01 ? parseDt0c01High() : parseUuidHigh());
            highParsed = true;
        }
        return highValid;
    }

    /** Parses the first 12 base-32 digits of the public part into {@code high} (60 bits), checking the prefix. */
    private boolean parseDt0c01High() {
        char[] c = id.chars;
        if (c[0] != 'd' || c[1] != 't' || c[2] != '0' || c[3] != 'c' || c[4] != '0' || c[5] != '1' || c[6] != '.') {
            return false;
        }
        high = base32(c, 7);
        return high >= 0;
    }

    /** Parses the last 12 base-32 digits into {@code low} (60 bits). */
    private boolean parseDt0c01Low() {
        low = base32(id.chars, 19);
        return low >= 0;
    }

    /** The 60-bit value of 12 base-32 digits from {@code from}, or a negative number if one is not a digit. */
    private static long base32(char[] c, int from) {
        // Any char that is not a base-32 digit is -1 in BASE32 and turns "invalid" negative.
        long invalid = 0;
        long v = 0;
        for (int i = from; i < from + 12; i++) {
            int d = BASE32[c[i]];
            invalid |= d;
            v = (v << 5) | (d & 31);
        }
        return invalid < 0 ? -1 : v;
    }

    /** Parses the last 16 hex digits (4-12) into {@code low}, checking the last dash. */
    private boolean parseUuidLow() {
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
    private boolean parseUuidHigh() {
        char[] c = id.chars;
        if (id.length != CompactIds.UUID_LENGTH || c[8] != '-' || c[13] != '-' || c[18] != '-') {
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
