package com.clustertokens.testing;

import java.util.List;

/**
 * Token secrets a caller might paste into any field, and the check that a text shows no part of them: no run of
 * {@value #PIECE} or more of a secret's characters. Random-looking, so a match is never a coincidence.
 */
public final class LeakedSecrets {

    /** Characters of a secret that may not appear together in any message. */
    public static final int PIECE = 8;

    /** The public part of {@link #NEW_FORMAT}: may be shown (as {@code dt0c01.<public>}). */
    public static final String IDENTIFIER = "dt0c01.Q7KX2MFTPA9WZ3RLD4HNB6VY";

    /** A new-format secret part (64 characters). */
    public static final String SECRET_PART = "J4T9QK2ZP7XW3M8RB5NC6VH1LD0FYG2SA7EU4KQ9TX3PZ8WM5RB1NC6VH0LD2FY";

    /** A whole new-format token: {@code dt0c01.<24>.<64>}. */
    public static final String NEW_FORMAT = IDENTIFIER + "." + SECRET_PART;

    /** A bare secret part of another token, pasted alone. */
    public static final String BARE = "M3P8ZK1XQ7TW4RB9NC2VH6LD5FY0GS3AE8UJ7KQ2TX9PZ4WM1RB6NC5VH8LD3FY0";

    /** An opaque legacy-format token, shaped like the docs' {@code abcdefjhij1234567890}. */
    public static final String LEGACY = "k3Rq9ZtW2xLmP7vN4sYbE8";

    /** Each value a test pastes, and the secret characters of it that must not show. */
    public record Pasted(String value, String secret) {

        @Override
        public String toString() {
            return value == NEW_FORMAT ? "dt0c01 token" : value == BARE ? "bare secret part" : "legacy token";
        }
    }

    /** The three shapes pasted into every field. */
    public static final List<Pasted> PASTED = List.of(new Pasted(NEW_FORMAT, SECRET_PART), new Pasted(BARE, BARE),
            new Pasted(LEGACY, LEGACY));

    private LeakedSecrets() {
    }

    /** The first piece of any of these secrets that {@code text} shows, or null when it shows none. */
    public static String leakIn(String text) {
        if (text == null) {
            return null;
        }
        for (Pasted pasted : PASTED) {
            String secret = pasted.secret();
            for (int i = 0; i + PIECE <= secret.length(); i++) {
                if (text.contains(secret.substring(i, i + PIECE))) {
                    // Say where, not what: the position of the piece within the secret.
                    return "characters " + i + ".." + (i + PIECE - 1) + " of the " + pasted;
                }
            }
        }
        return null;
    }
}
