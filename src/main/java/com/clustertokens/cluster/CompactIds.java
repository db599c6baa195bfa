package com.clustertokens.cluster;

import java.util.Arrays;
import java.util.UUID;

/**
 * The two id forms kept as two longs (see {@link ListEntry}): the digit tables their parsing uses, and the way back
 * from the longs to the id, which makes each form a one-to-one mapping.
 */
public final class CompactIds {

    /** Prefix of the identifier form, as in the token format of Dynatrace's documentation. */
    public static final String DT0C01_PREFIX = "dt0c01.";
    static final int UUID_LENGTH = 36;
    static final int DT0C01_LENGTH = DT0C01_PREFIX.length() + 24;
    private static final char[] BASE32_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    /** Value of each hex digit by character, -1 for any other char (upper case included); no range check needed. */
    static final byte[] HEX = new byte[Character.MAX_VALUE + 1];
    /** Value of each RFC 4648 base-32 digit (A-Z, 2-7) by character, -1 for any other char (lower case included). */
    static final byte[] BASE32 = new byte[Character.MAX_VALUE + 1];

    static {
        Arrays.fill(HEX, (byte) -1);
        Arrays.fill(BASE32, (byte) -1);
        for (int v = 0; v < BASE32_DIGITS.length; v++) {
            HEX["0123456789abcdef".charAt(v % 16)] = (byte) (v % 16);
            BASE32[BASE32_DIGITS[v]] = (byte) v;
        }
    }

    private CompactIds() {
    }

    /**
     * The id whose compact form is ({@code dt0c01}, {@code high}, {@code low}): a canonical lower-case UUID, or
     * {@code dt0c01.} and 12 base-32 digits (5 bits each, most significant first) of each 60-bit half.
     */
    public static String idOf(boolean dt0c01, long high, long low) {
        if (!dt0c01) {
            return new UUID(high, low).toString();
        }
        if (((high | low) >>> 60) != 0) {
            throw new IllegalArgumentException("a dt0c01 id has 60 bits per half");
        }
        char[] c = new char[DT0C01_LENGTH];
        DT0C01_PREFIX.getChars(0, DT0C01_PREFIX.length(), c, 0);
        for (int i = 0; i < 12; i++) {
            c[DT0C01_PREFIX.length() + i] = BASE32_DIGITS[(int) (high >>> (55 - 5 * i)) & 31];
            c[DT0C01_PREFIX.length() + 12 + i] = BASE32_DIGITS[(int) (low >>> (55 - 5 * i)) & 31];
        }
        return new String(c);
    }
}
