package com.clustertokens.remediation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import com.clustertokens.hygiene.census.NamePatterns;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The tokens remediation may act on, as the operator states them: {@code owners} and {@code names}, each a list of
 * globs ({@code *} any run of characters, {@code ?} one; {@code *} alone for every one, stated on purpose). A token
 * is inside when it matches every list given; with neither given there is no scope and nothing is inside, since the
 * cluster's token list is open-ended and a token of a kind nobody named must not be touched.
 */
public final class RemediationScope {

    static final int MAX_ENTRIES = 100;
    static final int MAX_LENGTH = 256;

    private final List<String> owners;
    private final List<String> names;
    private final List<Pattern> ownerPatterns;
    private final List<Pattern> namePatterns;
    private final String ownersSetting;
    private final String namesSetting;
    private final String unset;

    private RemediationScope(List<String> owners, List<String> names, String ownersSetting, String namesSetting,
            String unset) {
        this.owners = List.copyOf(owners);
        this.names = List.copyOf(names);
        this.ownerPatterns = this.owners.stream().map(NamePatterns::glob).toList();
        this.namePatterns = this.names.stream().map(NamePatterns::glob).toList();
        this.ownersSetting = ownersSetting;
        this.namesSetting = namesSetting;
        this.unset = unset;
    }

    /**
     * The scope of {@code owners} and {@code names} (null: not limited), named in every message as
     * {@code ownersSetting} and {@code namesSetting}; {@code unset} says where a scope is set when there is none. A
     * problem of an entry (null, blank, too long, too many) is added to {@code problems}.
     */
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
        return entries;
    }

    /** The owner patterns a token's owner must match; empty: any owner. */
    @JsonProperty
    public List<String> owners() {
        return owners;
    }

    /** The name patterns a token's name must match; empty: any name. */
    @JsonProperty
    public List<String> names() {
        return names;
    }

    /** Whether the operator stated a scope at all; without one, remediation acts on nothing. */
    @JsonIgnore
    public boolean stated() {
        return !owners.isEmpty() || !names.isEmpty();
    }

    @JsonIgnore
    public String unset() {
        return unset;
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

    @Override
    public boolean equals(Object other) {
        return other instanceof RemediationScope scope && owners.equals(scope.owners) && names.equals(scope.names);
    }

    @Override
    public int hashCode() {
        return Objects.hash(owners, names);
    }

    @Override
    public String toString() {
        return "scope owners " + owners + ", names " + names;
    }
}
