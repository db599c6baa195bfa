package com.clustertokens.error;

/** The fleet's cluster registry could not be read from SSM; names the parameter and AWS's error. */
public final class RegistryUnavailableException extends TokenFunctionException {

    private final boolean retryable;

    public RegistryUnavailableException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    @Override
    public boolean isTransient() {
        return retryable;
    }
}
