package com.clustertokens.error;

import com.clustertokens.security.Secrets;

/**
 * Text this code did not write (a caller's value or field name, a cluster's message), as an error message or a log
 * line may show it: secret-shaped runs masked ({@link Secrets#mask(String)}) before it is cut, control characters
 * escaped, and cut to a short length. The only way such text enters a message.
 */
public final class Quoted {

    /** Long enough for any scope, unit, timestamp or typo of them; too short to carry much of anything else. */
    private static final int MAX = 40;

    // Masking a megabyte value costs a scan of it; only the runs that reach into the shown part matter.
    private static final int SCANNED = 4096;

    private Quoted() {
    }

    /** A caller's value in quotes, e.g. {@code 'WEEKS'}, with its length when cut. */
    public static String of(String value) {
        return of(value, MAX);
    }

    /** A caller's value in quotes, cut at {@code max} characters (an identifier that must be recognisable). */
    public static String of(String value, int max) {
        if (value == null) {
            return "null";
        }
        String shown = shown(value, max);
        return shown.endsWith("…") ? "'" + shown + "' (" + value.length() + " characters)" : "'" + shown + "'";
    }

    /** A caller's name (a field name) bare, as part of a path: masked, escaped and cut like {@link #of}. */
    public static String bare(String name) {
        return name == null ? "null" : shown(name, MAX);
    }

    /** Foreign prose (a cluster's message, a transport error): on one line, masked, escaped, at most {@code max}. */
    public static String text(String text, int max) {
        return text == null ? "" : shown(text.replaceAll("\\s+", " ").strip(), max);
    }

    /** Masked, escaped, and cut to {@code max} characters with a trailing {@code …} when anything was cut. */
    private static String shown(String value, int max) {
        // Cut after masking: a cut secret would no longer look like one. A run crossing SCANNED is masked as a
        // whole or cut off anyway, as SCANNED is far past what is shown.
        String masked = Secrets.mask(value.length() > SCANNED ? value.substring(0, SCANNED) : value);
        int end = Math.min(masked.length(), max);
        int marker = masked.lastIndexOf(Secrets.REDACTED, end - 1);
        if (marker >= 0 && marker + Secrets.REDACTED.length() > end) {
            end = marker + Secrets.REDACTED.length(); // whole, so the reader sees why something is missing
        }
        if (end > 0 && end < masked.length() && Character.isHighSurrogate(masked.charAt(end - 1))) {
            end--;
        }
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < end; i++) {
            char c = masked.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                shown.append(String.format("\\u%04x", (int) c));
            } else {
                shown.append(c);
            }
        }
        return end < masked.length() || value.length() > SCANNED ? shown.append('…').toString() : shown.toString();
    }
}
