package com.clustertokens.remediation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import com.clustertokens.hygiene.census.NamePatterns;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The tokens remediation may act on, as globs of {@code owners} and {@code names}: a token is inside when it matches
 * every list given; with neither, nothing is inside, since the cluster's token list is open-ended and a token of a
 * kind nobody named must not be touched. {@code unset} says where a scope is set. The globs are compiled once: a
 * plan checks every candidate against every entry.
 */
public record RemediationScope(List<String> owners, List<String> names, @JsonIgnore List<Pattern> ownerPatterns,
        @JsonIgnore List<Pattern> namePatterns, @JsonIgnore String ownersSetting, @JsonIgnore String namesSetting,
        @JsonIgnore String unset) {

    static final int MAX_ENTRIES = 100;
    static final int MAX_LENGTH = 256;

    /** {@code owners} or {@code names} null: not limited; each entry's problem goes to {@code problems}. */
    static RemediationScope of(List<String> owners, List<String> names, String ownersSetting, String namesSetting,
            String unset, List<String> problems) {
        List<String> ownerGlobs = checked(owners, ownersSetting, problems);
        List<String> nameGlobs = checked(names, namesSetting, problems);
        return new RemediationScope(ownerGlobs, nameGlobs, ownerGlobs.stream().map(NamePatterns::glob).toList(),
                nameGlobs.stream().map(NamePatterns::glob).toList(), ownersSetting, namesSetting, unset);
    }

    private static List<String> checked(List<String> given, String setting, List<String> problems) {
        List<String> entries = new ArrayList<>();
        if (given == null) {
            return List.of();
        }
        if (given.size() > MAX_ENTRIES) {
            problems.add(setting + ": at most " + MAX_ENTRIES + " entries, got " + given.size());
            return List.of();
        }
        for (int i = 0; i < given.size(); i++) {
            String entry = given.get(i);
            if (entry == null || entry.isBlank()) {
                problems.add(setting + "[" + i + "]: must be an owner or name pattern, not blank");
            } else if (entry.length() > MAX_LENGTH) {
                problems.add(setting + "[" + i + "]: must be at most " + MAX_LENGTH + " characters");
            } else {
                entries.add(entry.strip());
            }
        }
        return List.copyOf(entries);
    }

    /** Whether the operator stated a scope at all; without one, remediation acts on nothing. */
    @JsonIgnore
    public boolean stated() {
        return !owners.isEmpty() || !names.isEmpty();
    }

    /**
     * Why a token of this name and owner is outside the scope, or null when it is inside. An owner or name the
     * metadata does not give matches only a pattern that matches the empty text ({@code *}).
     */
    String whyOutside(String name, String owner) {
        if (!stated()) {
            return "outside remediation scope: no scope is set (" + unset + ")";
        }
        if (!owners.isEmpty() && !matches(ownerPatterns, owner)) {
            return "outside remediation scope: its owner matches no entry of " + ownersSetting;
        }
        if (!names.isEmpty() && !matches(namePatterns, name)) {
            return "outside remediation scope: its name matches no pattern of " + namesSetting;
        }
        return null;
    }

    private static boolean matches(List<Pattern> patterns, String text) {
        return patterns.stream().anyMatch(pattern -> pattern.matcher(text == null ? "" : text).matches());
    }

    /** Two scopes of the same lists are one, whichever settings they were stated in. */
    @Override
    public boolean equals(Object other) {
        return other instanceof RemediationScope scope && owners.equals(scope.owners) && names.equals(scope.names);
    }

    @Override
    public int hashCode() {
        return Objects.hash(owners, names);
    }
}
