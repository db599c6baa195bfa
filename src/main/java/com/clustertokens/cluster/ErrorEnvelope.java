package com.clustertokens.cluster;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The body of every Dynatrace error response. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ErrorEnvelope(Error error) {

    /** The error itself: code, Dynatrace's message and the constraint violations, if any. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Error(Integer code, String message, List<ConstraintViolation> constraintViolations) {
    }

    /** One violated constraint, as the cluster names it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ConstraintViolation(String path, String message, String parameterLocation, String location) {

        /** {@code path: message}, the form the caller reads. */
        public String describe() {
            String where = path == null || path.isBlank() ? parameterLocation : path;
            return (where == null ? "" : where + ": ") + message;
        }
    }
}
