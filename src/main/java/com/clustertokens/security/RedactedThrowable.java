package com.clustertokens.security;

/** A stand-in for a logged exception whose message (or a cause's) held a secret: same trace, redacted text. */
public final class RedactedThrowable extends RuntimeException {

    private final String originalType;

    private RedactedThrowable(Throwable original) {
        super(Secrets.mask(original.getMessage()), original.getCause() == null ? null : of(original.getCause()),
                false, true);
        this.originalType = original.getClass().getName();
        setStackTrace(original.getStackTrace());
    }

    public static RedactedThrowable of(Throwable original) {
        return new RedactedThrowable(original);
    }

    public static boolean needsRedaction(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message != null && !message.equals(Secrets.mask(message))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        String message = getMessage();
        return message == null ? originalType : originalType + ": " + message;
    }
}
