package com.clustertokens.hygiene.census;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.clustertokens.cluster.ListEntry;
import com.clustertokens.error.Quoted;

/**
 * Which token names are excluded from the stale classes: the names the cluster creates itself (exact match) and
 * the request's glob patterns, where {@code *} stands for any run of characters and {@code ?} for one; every other
 * character, regex metacharacters included, is literal. Matching is case-sensitive and covers the whole name.
 */
public final class NamePatterns {

    static final int MAX_PATTERNS = 100;
    static final int MAX_PATTERN_LENGTH = 256;
    /** What {@link #match} returns for a name no rule excludes. */
    static final int NONE = -1;
    /** The rule of the cluster's own names; rule {@code 1 + i} is the i-th distinct pattern. */
    static final int AUTO_CREATED = 0;

    // Arrays, looped by index: this runs for every token, and an iterator per call was most of a run's garbage.
    private final String[] autoCreated;
    private final Pattern[] patterns;
    private final String[] globs;
    private final String[] reasons;

    private NamePatterns(String[] autoCreated, Map<String, Pattern> patterns) {
        this.autoCreated = autoCreated;
        this.patterns = patterns.values().toArray(Pattern[]::new);
        this.globs = patterns.keySet().toArray(String[]::new);
        this.reasons = new String[1 + globs.length];
        reasons[AUTO_CREATED] = "created by the cluster";
        for (int i = 0; i < globs.length; i++) {
            reasons[1 + i] = "matches '" + globs[i] + "'";
        }
    }

    /** Compiles {@code globs}, adding a {@code exclude[i]: rule} problem for each invalid one. */
    public static NamePatterns of(List<String> autoCreatedNames, List<String> globs, List<String> problems) {
        Map<String, Pattern> compiled = new LinkedHashMap<>();
        List<String> given = globs == null ? List.of() : globs;
        if (given.size() > MAX_PATTERNS) {
            problems.add("exclude: at most " + MAX_PATTERNS + " patterns, got " + given.size());
        }
        for (int i = 0; i < given.size(); i++) {
            String glob = given.get(i);
            String field = "exclude[" + i + "]";
            if (glob == null) {
                problems.add(field + ": must be a name pattern, not null");
            } else if (glob.isBlank()) {
                problems.add(field + ": must not be blank");
            } else if (glob.length() > MAX_PATTERN_LENGTH) {
                problems.add(field + ": must be at most " + MAX_PATTERN_LENGTH + " characters");
            } else if (glob.chars().allMatch(c -> c == '*' || c == '?')) {
                problems.add(field + ": " + wildcardsOnly(glob));
            } else {
                compiled.put(glob, glob(glob));
            }
        }
        return new NamePatterns(new LinkedHashSet<>(autoCreatedNames).toArray(String[]::new), compiled);
    }

    // A pattern without a literal character matches every name at least as long as its '?'s: with one '?' or none
    // that is every name there is, with more nearly every one. Neither is an exclusion anybody means.
    private static String wildcardsOnly(String glob) {
        long single = glob.chars().filter(c -> c == '?').count();
        return single <= 1
                ? Quoted.of(glob) + " matches every name, which would exclude every token"
                : Quoted.of(glob) + " matches every name of " + single
                        + " characters or more, which would exclude nearly "
                        + "every token; a pattern needs at least one literal character";
    }

    /**
     * The rule that excludes the entry ({@link #AUTO_CREATED}, or {@code 1 + i} for the i-th pattern), or
     * {@link #NONE} (always so for an entry without a name). Called for every token of the cluster: the exact names
     * are compared as characters, and a String is built only when there are patterns to match.
     */
    int match(ListEntry token) {
        for (int i = 0; i < autoCreated.length; i++) {
            if (token.nameEquals(autoCreated[i])) {
                return AUTO_CREATED;
            }
        }
        if (patterns.length == 0) {
            return NONE;
        }
        String name = token.name();
        if (name == null) {
            return NONE;
        }
        for (int i = 0; i < patterns.length; i++) {
            if (patterns[i].matcher(name).matches()) {
                return 1 + i;
            }
        }
        return NONE;
    }

    /** Why a token of this name (read from metadata or a report, not from the list) is excluded, or null. */
    public String reasonFor(String name) {
        return name == null ? null : reason(ListEntry.of(null, name));
    }

    String reason(ListEntry token) {
        int rule = match(token);
        return rule == NONE ? null : reasons[rule];
    }

    String reason(int rule) {
        return reasons[rule];
    }

    int rules() {
        return reasons.length;
    }

    boolean hasAutoCreated() {
        return autoCreated.length > 0;
    }

    public List<String> globs() {
        return new ArrayList<>(List.of(globs));
    }

    /**
     * The whole-name regex of {@code glob}: {@code *} any run of characters, {@code ?} one, everything else literal.
     * Unlike an exclusion, a pattern of wildcards only is allowed here: whoever uses it decides what it may mean.
     */
    public static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        // -1: the pieces between wildcards, empty ones too, each quoted; "*" and "?" keep their places between them.
        String[] literals = glob.split("[*?]", -1);
        for (int i = 0, at = 0; i < literals.length; i++) {
            if (!literals[i].isEmpty()) {
                regex.append(Pattern.quote(literals[i]));
            }
            at += literals[i].length();
            if (at < glob.length()) {
                regex.append(glob.charAt(at++) == '*' ? ".*" : ".");
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
