package com.clustertokens.error;

/** The function's own configuration is missing or malformed; the message names the environment variable. */
public final class ConfigurationException extends TokenFunctionException {

    public ConfigurationException(String message) {
        super(message, false);
    }
}
