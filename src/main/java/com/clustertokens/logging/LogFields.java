package com.clustertokens.logging;

import java.util.Map;

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

    /** The value of {@code field} on this thread, null when unset. */
    public static Object get(String field) {
        return MDC.get(field);
    }

    /** Removes {@code field} from this thread's lines. */
    public static void remove(String field) {
        MDC.remove(field);
    }

    /** This thread's fields as they are now, for work handed to another thread. */
    public static Map<String, Object> copy() {
        return Map.copyOf(MDC.getMap());
    }

    /** Adds {@code fields} (a {@link #copy()}) to this thread's lines. */
    public static void putAll(Map<String, Object> fields) {
        fields.forEach(LogFields::put);
    }

    /** Makes {@code fields} (a {@link #copy()}) this thread's only fields. */
    public static void replace(Map<String, Object> fields) {
        MDC.clear();
        putAll(fields);
    }
}
