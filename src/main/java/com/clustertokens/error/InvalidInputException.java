package com.clustertokens.error;

import java.util.List;

/** The request is invalid: each problem names the field and the rule it breaks. Nothing was sent to the cluster. */
public final class InvalidInputException extends TokenFunctionException {

    private final List<String> problems;

    public InvalidInputException(List<String> problems) {
        super("Invalid request: " + String.join("; ", problems), false);
        this.problems = List.copyOf(problems);
    }

    public InvalidInputException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }

    /** The same problems, named as fields inside {@code field} (a request read from an event's detail or body). */
    public InvalidInputException under(String field) {
        return new InvalidInputException(problems.stream()
                .map(p -> p.startsWith("request:") ? field + p.substring("request".length()) : field + "." + p)
                .toList());
    }
}
