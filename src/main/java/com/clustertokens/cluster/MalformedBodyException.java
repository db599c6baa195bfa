package com.clustertokens.cluster;

import java.io.IOException;

import com.fasterxml.jackson.core.io.JsonEOFException;

/** A success response whose body is not the API's JSON; {@link #truncated} when it ended mid-document. */
final class MalformedBodyException extends RuntimeException {

    private final boolean truncated;

    MalformedBodyException(String detail) {
        this(detail, false, null);
    }

    private MalformedBodyException(String detail, boolean truncated, Throwable cause) {
        super(detail, cause, false, false);
        this.truncated = truncated;
    }

    static MalformedBodyException from(IOException e) {
        if (e instanceof JsonEOFException) {
            return new MalformedBodyException("the body ended in the middle of the JSON document", true, e);
        }
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException) {
            return new MalformedBodyException("the body is not valid JSON", false, e);
        }
        // Anything else is the connection failing while the body was read.
        return new MalformedBodyException("the connection failed while the body was read (" + e.getClass()
                .getSimpleName() + ")", true, e);
    }

    boolean truncated() {
        return truncated;
    }
}
