package com.clustertokens.logging;

import java.util.function.Supplier;

import org.jboss.logging.MDC;

import com.clustertokens.security.Secrets;

/**
 * The fields every log line of an invocation carries (the MDC: function, cluster, run, request id), set only here.
 * Each value is masked as the report page masks what it shows ({@link Secrets#mask}): the log filter masks the
 * message alone, and a field may hold what a caller sent (a Scheduled Event's id names the run).
 */
public final class LogFields {

    private LogFields() {
    }

    /** Sets {@code field} to {@code value}, masked, on this thread's lines; a null value removes the field. */
    public static void put(String field, Object value) {
        if (value == null) {
            MDC.remove(field);
        } else {
            MDC.put(field, Secrets.mask(String.valueOf(value)));
        }
    }

    public static Object get(String field) {
        return MDC.get(field);
    }

    /** Runs {@code work} with {@code field} set to {@code value}, then restores it. */
    public static <T> T with(String field, Object value, Supplier<T> work) {
        Object outer = get(field);
        put(field, value);
        try {
            return work.get();
        } finally {
            put(field, outer);
        }
    }
}
