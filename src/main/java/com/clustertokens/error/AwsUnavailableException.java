package com.clustertokens.error;

/**
 * An AWS service the function depends on could not be read or written: a DynamoDB table (idempotency, remediation
 * ledger), the registry's SSM parameter or a Secrets Manager secret. The message names which, and AWS's error, never a
 * secret's value; the caller does the same for each: fix what is named, or try again when {@link #isTransient()}.
 */
public final class AwsUnavailableException extends TokenFunctionException {

    public AwsUnavailableException(String message, boolean retryable) {
        super(message, retryable);
    }
}
