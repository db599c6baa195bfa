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
            compact = highIsValid() && (dt0c01
                    ? digits(true, 19, 31, CompactIds.BASE32, 5)
                    : id.chars[23] == '-' && digits(true, 19, 36, CompactIds.HEX, 4));
            parsed = true;
        }
        return compact;
    }

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

    public String id() {
        return id.string();
    }

    public String name() {
        return name.string();
    }

    /**
     * Whether the id is the compact id ({@code isDt0c01}, {@code idHigh}, {@code idLow}). Most ids differ in the
     * first half, so that is read first and the second only on a match: a walk comparing a million ids parses
     * half of each.
     */
    public boolean idEquals(boolean isDt0c01, long idHigh, long idLow) {
        return highIsValid() && high == idHigh && dt0c01 == isDt0c01 && idIsCompact() && low == idLow;
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
            char[] c = id.chars;
            dt0c01 = id.present && id.length == CompactIds.DT0C01_LENGTH;
            highValid = id.present && (dt0c01
                    ? c[0] == 'd' && c[1] == 't' && c[2] == '0' && c[3] == 'c' && c[4] == '0' && c[5] == '1'
                            && c[6] == '.' && digits(false, 7, 19, CompactIds.BASE32, 5)
                    : id.length == CompactIds.UUID_LENGTH && c[8] == '-' && c[13] == '-' && c[18] == '-'
                            && digits(false, 0, 18, CompactIds.HEX, 4));
            highParsed = true;
        }
        return highValid;
    }

    /**
     * Reads the digits at {@code from} to {@code to} (a UUID's dashes left out), {@code bits} each by {@code table},
     * into {@code low} or {@code high}: the first 16 hex digits (8-4-4) of a UUID or 12 base-32 digits of the public
     * part into {@code high}, the rest into {@code low}. False when one is not a digit: any such char is -1 in the
     * table and turns {@code invalid} negative.
     */
    private boolean digits(boolean intoLow, int from, int to, byte[] table, int bits) {
        char[] c = id.chars;
        long invalid = 0;
        long value = 0;
        for (int i = from; i < to; i++) {
            if (table == CompactIds.BASE32 || i != 8 && i != 13 && i != 23) {
                int d = table[c[i]];
                invalid |= d;
                value = (value << bits) | (d & ((1 << bits) - 1));
            }
        }
        if (intoLow) {
            low = value;
        } else {
            high = value;
        }
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
