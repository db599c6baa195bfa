package com.clustertokens.cluster;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

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
        if (e instanceof MismatchedInputException && e.getMessage() != null
                && e.getMessage().startsWith("No content to map")) {
            return new MalformedBodyException("the body is empty", false, e);
        }
        // Jackson reports a cut-off document as JsonEOFException only inside a value; between tokens it is a
        // JsonParseException about the end of input. Either way the body was cut short: worth another read.
        if (endedEarly(e)) {
            return new MalformedBodyException("the body ended in the middle of the JSON document", true, e);
        }
        // Anything but a JSON error is the connection failing while the body was read.
        return e instanceof com.fasterxml.jackson.core.JsonProcessingException
                ? new MalformedBodyException("the body is not valid JSON", false, e)
                : new MalformedBodyException("the connection failed while the body was read (" + e.getClass()
                        .getSimpleName() + ")", true, e);
    }

    private static boolean endedEarly(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonEOFException || t instanceof JsonParseException parse
                    && parse.getOriginalMessage() != null && parse.getOriginalMessage().contains("end-of-input")) {
                return true;
            }
        }
        return false;
    }

    boolean truncated() {
        return truncated;
    }
}
