package com.clustertokens.simulator;

import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Generates new-format token secrets and redacts them to their public identifier. */
final class TokenSecrets {

    static final String PREFIX = "dt0c01";
    static final int PUBLIC_LENGTH = 24;
    static final int PRIVATE_LENGTH = 64;

    // RFC 4648 base-32, as in Dynatrace's documented example token: 24 characters make the 120-bit public part.
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final Pattern SECRET = Pattern.compile(
            PREFIX + "\\.([A-Z0-9]{" + PUBLIC_LENGTH + "})\\.[A-Z0-9]{" + PRIVATE_LENGTH + "}");

    private TokenSecrets() {
    }

    static String generate(RandomGenerator random) {
        char[] chars = new char[PREFIX.length() + 2 + PUBLIC_LENGTH + PRIVATE_LENGTH];
        PREFIX.getChars(0, PREFIX.length(), chars, 0);
        int at = PREFIX.length();
        chars[at++] = '.';
        for (int i = 0; i < PUBLIC_LENGTH; i++) {
            chars[at++] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        chars[at++] = '.';
        for (int i = 0; i < PRIVATE_LENGTH; i++) {
            chars[at++] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(chars);
    }

    static boolean isNewFormat(String secret) {
        return secret != null && SECRET.matcher(secret).matches();
    }

    /** The loggable identifier {@code dt0c01.<public>}, or {@code ***} for opaque (old-format) secrets. */
    static String identifier(String secret) {
        if (secret == null) {
            return "null";
        }
        Matcher m = SECRET.matcher(secret);
        return m.matches() ? PREFIX + "." + m.group(1) : "***";
    }

    /** Replaces every new-format secret inside free text by its identifier. */
    static String redact(String text) {
        if (text == null || !text.contains(PREFIX)) {
            return text;
        }
        return SECRET.matcher(text).replaceAll(PREFIX + ".$1");
    }
}
