package com.clustertokens.error;

import java.util.Arrays;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonValue;

/** An enum named on the wire by its constant in lower camel case: {@code NOT_ATTEMPTED} is {@code notAttempted}. */
public interface WireName {

    String name();

    /** The exact wire name. */
    @JsonValue
    default String wire() {
        String[] words = name().toLowerCase(java.util.Locale.ROOT).split("_");
        return words[0] + Arrays.stream(words).skip(1).map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1))
                .collect(Collectors.joining());
    }

    /** The constant of {@code type} named {@code wire}; an unknown name is refused, naming {@code what} it must be. */
    static <E extends Enum<E> & WireName> E of(Class<E> type, String wire, String what) {
        E found = find(type, wire);
        if (found == null) {
            throw new IllegalArgumentException(Quoted.of(wire) + " is not " + what + "; use one of " + Arrays.stream(
                    type.getEnumConstants()).map(WireName::wire).collect(Collectors.joining(", ")));
        }
        return found;
    }

    /** The constant of {@code type} named {@code wire}, or null: a name a newer version wrote reads as none. */
    static <E extends Enum<E> & WireName> E find(Class<E> type, String wire) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.wire().equals(wire)).findFirst().orElse(null);
    }
}
