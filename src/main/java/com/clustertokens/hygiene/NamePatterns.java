package com.clustertokens.hygiene;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.clustertokens.cluster.ListEntry;
import com.clustertokens.json.Quoted;

/**
 * Which token names are excluded from the stale classes: the names the cluster creates itself (exact match) and
 * the request's glob patterns, where {@code *} stands for any run of characters and {@code ?} for one; every other
 * character, regex metacharacters included, is literal. Matching is case-sensitive and covers the whole name.
 */
final class NamePatterns {

    static final int MAX_PATTERNS = 100;
    static final int MAX_PATTERN_LENGTH = 256;

    // An array, looped by index: this runs for every token, and an iterator per call was most of a run's garbage.
    private final String[] autoCreated;
    private final Map<String, Pattern> patterns;

    private NamePatterns(String[] autoCreated, Map<String, Pattern> patterns) {
        this.autoCreated = autoCreated;
        this.patterns = patterns;
    }

    /** Compiles {@code globs}, adding a {@code exclude[i]: rule} problem for each invalid one. */
    static NamePatterns of(List<String> autoCreatedNames, List<String> globs, List<String> problems) {
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
            } else if (glob.chars().allMatch(c -> c == '*')) {
                problems.add(field + ": " + Quoted.of(glob) + " matches every name, which would exclude every token");
            } else {
                compiled.put(glob, toRegex(glob));
            }
        }
        return new NamePatterns(new LinkedHashSet<>(autoCreatedNames).toArray(String[]::new), compiled);
    }

    /**
     * Why the entry's name is excluded, or null when it is not (always so for an entry without a name). Called for
     * every token of the cluster: the exact names are compared as characters, and a String is built only when
     * there are patterns to match.
     */
    String reason(ListEntry token) {
        for (int i = 0; i < autoCreated.length; i++) {
            if (token.nameEquals(autoCreated[i])) {
                return "created by the cluster";
            }
        }
        if (patterns.isEmpty()) {
            return null;
        }
        String name = token.name();
        if (name == null) {
            return null;
        }
        for (Map.Entry<String, Pattern> entry : patterns.entrySet()) {
            if (entry.getValue().matcher(name).matches()) {
                return "matches '" + entry.getKey() + "'";
            }
        }
        return null;
    }

    /** The patterns as given, for the report. */
    List<String> globs() {
        return new ArrayList<>(patterns.keySet());
    }

    private static Pattern toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
