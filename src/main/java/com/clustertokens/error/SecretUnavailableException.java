package com.clustertokens.error;

/** A secret could not be read from AWS Secrets Manager; names the secret's ARN and AWS's error, never its value. */
public final class SecretUnavailableException extends TokenFunctionException {

    private final boolean retryable;

    public SecretUnavailableException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    @Override
    public boolean isTransient() {
        return retryable;
    }
}
