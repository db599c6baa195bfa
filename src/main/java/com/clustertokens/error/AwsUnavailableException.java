package com.clustertokens.error;

/**
 * An AWS service the function depends on could not be read or written: a DynamoDB table (idempotency, remediation
 * ledger), the registry's SSM parameter or a Secrets Manager secret. The message names which, and AWS's error, never a
 * secret's value; the caller does the same for each: fix what is named, or try again when {@link #isTransient()}.
 */
public final class AwsUnavailableException extends TokenFunctionException {

    private final boolean retryable;

    public AwsUnavailableException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    @Override
    public boolean isTransient() {
        return retryable;
    }
}
