package com.clustertokens.simulator;

import java.util.List;
import java.util.Map;

/** A failed call, thrown anywhere in request handling and rendered once as a Dynatrace ErrorEnvelope. */
final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** One entry of {@code constraintViolations}. */
    record Violation(String path, String message, String parameterLocation) {

        static Violation body(String path, String message) {
            return new Violation(path, message, "PAYLOAD_BODY");
        }

        static Violation query(String path, String message) {
            return new Violation(path, message, "QUERY");
        }
    }

    private final int status;
    private final transient List<Violation> violations;
    private final transient Map<String, String> headers;

    ApiError(int status, String message) {
        this(status, message, List.of(), Map.of());
    }

    ApiError(int status, String message, List<Violation> violations, Map<String, String> headers) {
        super(message, null, false, false); // no stack trace: these are expected outcomes, not bugs
        this.status = status;
        this.violations = List.copyOf(violations);
        this.headers = Map.copyOf(headers);
    }

    static ApiError constraints(List<Violation> violations) {
        return new ApiError(400, "Constraints violated.", violations, Map.of());
    }

    static ApiError notFound(String message) {
        return new ApiError(404, message);
    }

    static ApiError unauthorized(String message) {
        return new ApiError(401, message);
    }

    int status() {
        return status;
    }

    List<Violation> violations() {
        return violations;
    }

    Map<String, String> headers() {
        return headers;
    }
}
