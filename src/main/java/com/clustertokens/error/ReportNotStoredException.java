package com.clustertokens.error;

/** A fleet report could not be written to its bucket; names the object and AWS's error. */
public final class ReportNotStoredException extends TokenFunctionException {

    private final boolean retryable;

    public ReportNotStoredException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public ReportNotStoredException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    @Override
    public boolean isTransient() {
        return retryable;
    }
}
