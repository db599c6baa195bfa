package com.clustertokens.testing;

/**
 * A tool the tests run is not installed. Its message is the whole story (the tool, what it is for, its install
 * command), so it carries no stack trace: a test that needs the tool fails in one line, not a page of frames.
 */
public final class MissingToolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MissingToolException(String tool, String purpose, String install) {
        super(tool + " is not installed (not on the PATH): it is " + purpose + "; install it with: " + install,
                null, false, false);
    }
}
