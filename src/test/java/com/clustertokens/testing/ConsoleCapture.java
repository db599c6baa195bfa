package com.clustertokens.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;

import com.clustertokens.logging.SecretRedactingLogFilter;

/** What the console would write: every application log record, as the console's own filter leaves it. */
public final class ConsoleCapture extends Handler {

    /** One written line: its level, message, throwable (null when none), writing thread and log fields. */
    public record Line(Level level, String message, Throwable thrown, String thread, Map<String, String> fields) {

        /** The line as a handler prints it, the throwable's text appended. */
        public String text() {
            return message + (thrown == null ? "" : " " + thrown);
        }
    }

    private final List<Line> lines = new ArrayList<>();

    private ConsoleCapture() {
        setFilter(new SecretRedactingLogFilter());
    }

    /** Starts capturing on the root logger; {@link #close()} stops. */
    public static ConsoleCapture start() {
        ConsoleCapture capture = new ConsoleCapture();
        LogContext.getLogContext().getLogger("").addHandler(capture);
        return capture;
    }

    @Override
    public void publish(LogRecord record) {
        if (isLoggable(record)) {
            // Read on the writing thread, as the console formats it: the fields are that thread's at that moment.
            ExtLogRecord ext = record instanceof ExtLogRecord e ? e : null;
            Line line = new Line(record.getLevel(), ext == null ? record.getMessage() : ext.getFormattedMessage(),
                    record.getThrown(), ext == null ? null : ext.getThreadName(), ext == null
                            ? Map.of()
                            : Map.copyOf(
                                    ext.getMdcCopy()));
            synchronized (lines) {
                lines.add(line);
            }
        }
    }

    /** The lines written so far. */
    public List<Line> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Everything written so far, a line each. */
    public String text() {
        return String.join("\n", lines().stream().map(Line::text).toList());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        LogContext.getLogContext().getLogger("").removeHandler(this);
    }
}
