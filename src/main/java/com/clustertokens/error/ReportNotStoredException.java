package com.clustertokens.error;

/** A fleet report could not be written to its bucket; names the object and AWS's error. */
public final class ReportNotStoredException extends TokenFunctionException {

    public ReportNotStoredException(String message, boolean retryable) {
        super(message, retryable);
    }

    public ReportNotStoredException(String message, boolean retryable, Throwable cause) {
        super(message, retryable, cause);
    }
}
