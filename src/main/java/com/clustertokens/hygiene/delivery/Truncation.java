package com.clustertokens.hygiene.delivery;

import java.nio.charset.StandardCharsets;

/** Cuts a message to a sink's size limit, ending with a marker that says so; never splits a character. */
final class Truncation {

    private Truncation() {
    }

    static String marker(int originalChars) {
        return "\n…[truncated: the summary has " + originalChars + " characters; the full report is in the "
                + "function's result and log]";
    }

    /** {@code text} if it fits {@code max} (UTF-8 bytes, else UTF-16 units), else its start and the marker. */
    static String fit(String text, int max, boolean utf8Bytes) {
        if (size(text, utf8Bytes) <= max) {
            return text;
        }
        String marker = marker(text.length());
        int budget = max - size(marker, utf8Bytes);
        int end = 0;
        for (int used = 0, codePoint; end < text.length(); end += Character.charCount(codePoint)) {
            codePoint = text.codePointAt(end);
            used += !utf8Bytes
                    ? Character.charCount(codePoint)
                    : codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (used > budget) {
                break;
            }
        }
        return text.substring(0, end) + marker;
    }

    private static int size(String text, boolean utf8Bytes) {
        return utf8Bytes ? text.getBytes(StandardCharsets.UTF_8).length : text.length();
    }
}
