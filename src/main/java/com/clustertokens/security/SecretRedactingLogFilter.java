package com.clustertokens.security;

import java.text.MessageFormat;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;

import io.quarkus.logging.LoggingFilter;

/** Log filter that rewrites every record so that no token secret, nor anything shaped like one, reaches a log handler. */
@LoggingFilter(name = "secret-redactor")
public final class SecretRedactingLogFilter implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        String formatted = format(record);
        String redacted = Secrets.mask(formatted);
        if (formatted != null && !formatted.equals(redacted)) {
            record.setMessage(redacted);
            record.setParameters(null);
            if (record instanceof ExtLogRecord ext) {
                ext.setMessage(redacted, ExtLogRecord.FormatStyle.NO_FORMAT);
            }
        }
        Throwable thrown = record.getThrown();
        if (thrown != null && RedactedThrowable.needsRedaction(thrown)) {
            record.setThrown(RedactedThrowable.of(thrown));
        }
        return true;
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
}
