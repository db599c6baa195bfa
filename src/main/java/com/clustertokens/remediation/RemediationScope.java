package com.clustertokens.remediation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.clustertokens.hygiene.census.NamePatterns;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The tokens remediation may act on, as globs of {@code owners} and {@code names}: a token is inside when it matches
 * every list given; with neither, nothing is inside, since the cluster's token list is open-ended and a token of a
 * kind nobody named must not be touched. {@code unset} says where a scope is set.
 */
public record RemediationScope(List<String> owners, List<String> names, @JsonIgnore String ownersSetting,
        @JsonIgnore String namesSetting, @JsonIgnore String unset) {

    static final int MAX_ENTRIES = 100;
    static final int MAX_LENGTH = 256;

    /** {@code owners} or {@code names} null: not limited; each entry's problem goes to {@code problems}. */
    static RemediationScope of(List<String> owners, List<String> names, String ownersSetting, String namesSetting,
            String unset, List<String> problems) {
        return new RemediationScope(checked(owners, ownersSetting, problems), checked(names, namesSetting, problems),
                ownersSetting, namesSetting, unset);
    }

    private static List<String> checked(List<String> given, String setting, List<String> problems) {
        List<String> entries = new ArrayList<>();
        if (given == null) {
            return entries;
        }
        if (given.size() > MAX_ENTRIES) {
            problems.add(setting + ": at most " + MAX_ENTRIES + " entries, got " + given.size());
            return entries;
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
        if (!owners.isEmpty() && !matches(owners, owner)) {
            return "outside remediation scope: its owner matches no entry of " + ownersSetting;
        }
        if (!names.isEmpty() && !matches(names, name)) {
            return "outside remediation scope: its name matches no pattern of " + namesSetting;
        }
        return null;
    }

    private static boolean matches(List<String> globs, String text) {
        return globs.stream().anyMatch(glob -> NamePatterns.glob(glob).matcher(text == null ? "" : text).matches());
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
