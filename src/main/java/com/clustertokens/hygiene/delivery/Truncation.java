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

    /** {@code text} if it has at most {@code maxChars} characters (UTF-16 units), else its start and the marker. */
    static String toChars(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        String marker = marker(text.length());
        int end = Math.max(0, maxChars - marker.length());
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + marker;
    }

    /** {@code text} if it takes at most {@code maxBytes} in UTF-8, else its start and the marker. */
    static String toUtf8Bytes(String text, int maxBytes) {
        if (text.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return text;
        }
        String marker = marker(text.length());
        int budget = maxBytes - marker.getBytes(StandardCharsets.UTF_8).length;
        int bytes = 0;
        int end = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (bytes + size > budget) {
                break;
            }
            bytes += size;
            end += Character.charCount(codePoint);
        }
        return text.substring(0, end) + marker;
    }
}
