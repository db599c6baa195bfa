package com.clustertokens.logging;

import java.text.MessageFormat;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;

import com.clustertokens.error.InvalidInputException;
import com.clustertokens.security.Secrets;

import io.quarkus.logging.LoggingFilter;

/**
 * The console's log filter: rewrites every record so that no token secret, nor anything shaped like one, reaches a
 * log handler; and logs a caller's refused input (which Quarkus's Lambda poll loop reports at ERROR with a stack
 * trace) as one WARN line, so ERROR stays for what an operator must act on.
 */
@LoggingFilter(name = "secret-redactor")
public final class SecretRedactingLogFilter implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        refusedInput(record);
        String formatted = format(record);
        String redacted = Secrets.mask(formatted);
        if (formatted != null && !formatted.equals(redacted)) {
            setMessage(record, redacted);
        }
        Throwable thrown = record.getThrown();
        if (thrown != null && Redacted.needed(thrown)) {
            record.setThrown(new Redacted(thrown));
        }
        return true;
    }

    /** An ERROR record whose cause is a caller's invalid input becomes a WARN line naming it, without a stack trace. */
    private static void refusedInput(LogRecord record) {
        if (record.getThrown() == null || record.getLevel().intValue() < Level.WARNING.intValue()) {
            return;
        }
        for (Throwable t = record.getThrown(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidInputException refused) {
                record.setLevel(Level.WARNING);
                record.setThrown(null);
                setMessage(record, "Refused the request (the caller's input, nothing was sent): " + refused);
                return;
            }
        }
    }

    private static void setMessage(LogRecord record, String message) {
        record.setMessage(message);
        record.setParameters(null);
        if (record instanceof ExtLogRecord ext) {
            ext.setMessage(message, ExtLogRecord.FormatStyle.NO_FORMAT);
        }
    }

    private static String format(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            return ext.getFormattedMessage();
        }
        Object[] parameters = record.getParameters();
        if (parameters == null || parameters.length == 0 || record.getMessage() == null) {
            return record.getMessage();
        }
        try {
            return MessageFormat.format(record.getMessage(), parameters);
        } catch (IllegalArgumentException e) {
            return record.getMessage();
        }
    }

    /** A stand-in for a logged exception whose message (or a cause's) held a secret: same trace, redacted text. */
    static final class Redacted extends RuntimeException {

        private final String originalType;

        Redacted(Throwable original) {
            super(Secrets.mask(original.getMessage()), original.getCause() == null
                    ? null
                    : new Redacted(original.getCause()), false, true);
            this.originalType = original.getClass().getName();
            setStackTrace(original.getStackTrace());
        }

        static boolean needed(Throwable thrown) {
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
}
