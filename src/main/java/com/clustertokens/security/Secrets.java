package com.clustertokens.security;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redaction of token secrets. Only the identifier {@code dt0c01.<public>} of a token may be shown; secrets of the
 * new format are recognised by shape, and opaque (legacy-format) secrets this process has handled are registered
 * so that they are recognised too.
 */
public final class Secrets {

    /** The shape of a new-format token: prefix, public part, secret part. */
    private static final Pattern NEW_FORMAT = Pattern.compile("(dt0c01\\.[A-Za-z0-9]{8,64})\\.[A-Za-z0-9]{16,128}");

    /**
     * A {@code "token"} field of a JSON body, as in the create response and the lookup request: its value is a
     * secret of whatever format, and a logged body can show it before the code that reads it could register it.
     * Possessive, so that a megabyte-long value cannot overflow the regex engine's stack.
     */
    private static final Pattern TOKEN_FIELD = Pattern.compile("(\"token\"\\s*:\\s*\")((?:[^\"\\\\]++|\\\\.)*+)(\")");

    /** A token prefix and the dot-separated runs after it, whether or not they have a token's lengths. */
    private static final Pattern PREFIXED = Pattern.compile("dt0c01\\.([A-Za-z0-9]++)((?:\\.[A-Za-z0-9]++)*+)");

    /** The public part's documented length: a longer run after {@code dt0c01.} may be a secret part alone. */
    private static final int MAX_PUBLIC = 24;

    /** No scope, field or word this code shows is this long without a break; a secret part (64) is. */
    private static final int LONG_RUN = 32;

    /** Letters and digits mixed over this length look like an opaque secret (the docs' {@code abcdefjhij1234567890}). */
    private static final int MIXED_RUN = 16;

    public static final String REDACTED = "<redacted>";

    private static final int MAX_REGISTERED = 1024;
    private static final int MIN_REGISTERED_LENGTH = 8;

    // Bounded so a long-lived container creating many tokens keeps a fixed footprint; oldest forgotten first.
    private static final Map<String, Boolean> REGISTERED = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > MAX_REGISTERED;
                }
            });

    private Secrets() {
    }

    /** The part of a token that may be shown: {@code dt0c01.<public>}, or a placeholder for opaque tokens. */
    public static String identifier(String token) {
        String identifier = identifierOrNull(token);
        return identifier != null
                ? identifier
                : token == null
                        ? "null"
                        : "<token of " + token.length() + " characters, not shown>";
    }

    /** The identifier of a new-format token, or null when the token is opaque and has none. */
    public static String identifierOrNull(String token) {
        if (token == null) {
            return null;
        }
        Matcher matcher = NEW_FORMAT.matcher(token);
        return matcher.matches() ? matcher.group(1) : null;
    }

    /** Remembers a secret of any format so that {@link #redact(String)} hides it wherever it appears. */
    public static void register(String secret) {
        if (secret != null && secret.length() >= MIN_REGISTERED_LENGTH) {
            REGISTERED.put(secret, Boolean.TRUE);
        }
    }

    /** Forgets a registered value that was never a secret (a stand-in's canned token), so nothing of it remains. */
    public static void forget(String value) {
        if (value != null) {
            REGISTERED.remove(value);
        }
    }

    /** The text with every token secret replaced by its identifier and a redaction mark. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = NEW_FORMAT.matcher(text).replaceAll("$1." + REDACTED);
        if (result.contains("\"token\"")) {
            result = TOKEN_FIELD.matcher(result).replaceAll(m -> m.group(2).endsWith(".<redacted>")
                    ? Matcher.quoteReplacement(m.group())
                    : Matcher.quoteReplacement(m.group(1) + REDACTED + m.group(3)));
        }
        synchronized (REGISTERED) {
            for (String secret : REGISTERED.keySet()) {
                if (result.contains(secret)) {
                    result = result.replace(secret, REDACTED);
                }
            }
        }
        return result;
    }

    /**
     * Text this code did not write (a caller's value, a cluster's or AWS's message) as a message may show it: every
     * secret {@link #redact(String)} knows, anything after {@code dt0c01.} but a public part, and every run of
     * letters and digits shaped like secret material (at least 32 long, or at least 16 mixing letters and digits)
     * replaced by {@code <redacted>}. Ids (UUIDs), ARNs, timestamps, scope and field names keep their shape.
     */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String prefixed = text.contains("dt0c01.")
                ? PREFIXED.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
                        m.group(1).length() > MAX_PUBLIC
                                ? "dt0c01." + REDACTED
                                : "dt0c01." + m.group(1) + (m.group(2).isEmpty() ? "" : "." + REDACTED)))
                : text;
        String redacted = redact(prefixed);
        StringBuilder masked = null;
        int copied = 0;
        for (int start = 0; start < redacted.length();) {
            if (!isRunChar(redacted.charAt(start))) {
                start++;
                continue;
            }
            int end = start;
            boolean letter = false;
            boolean digit = false;
            for (; end < redacted.length() && isRunChar(redacted.charAt(end)); end++) {
                letter |= Character.isLetter(redacted.charAt(end));
                digit |= Character.isDigit(redacted.charAt(end));
            }
            int length = end - start;
            // A public part already passed the prefix rule; "dt0c01" itself is a run of six.
            boolean publicPart = start >= 7 && redacted.startsWith("dt0c01.", start - 7);
            if (!publicPart && (length >= LONG_RUN || length >= MIXED_RUN && letter && digit)) {
                masked = masked == null ? new StringBuilder(redacted.length()) : masked;
                masked.append(redacted, copied, start).append(REDACTED);
                copied = end;
            }
            start = end;
        }
        return masked == null ? redacted : masked.append(redacted, copied, redacted.length()).toString();
    }

    private static boolean isRunChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }
}
