package com.clustertokens.error;

/** The remediation ledger (DynamoDB) could not be read or written; names the table and AWS's error. */
public final class LedgerUnavailableException extends TokenFunctionException {

    private final boolean retryable;

    public LedgerUnavailableException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    @Override
    public boolean isTransient() {
        return retryable;
    }
}
