package com.clustertokens.cluster;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.clustertokens.logging.LogFields;

/**
 * Which registered cluster the work on this thread is for: a function selects it from its request's {@code cluster}
 * ({@link #within}), and every cluster call, key, tag and log line of that work is then scoped to it. Work handed
 * to another thread takes the selection along ({@link #carrying}).
 */
@ApplicationScoped
public class ClusterSelection {

    /** The log field naming the cluster, on every line written while one is selected. */
    public static final String LOG_FIELD = "cluster";

    private static final ThreadLocal<RegisteredCluster> CURRENT = new ThreadLocal<>();

    private final ClusterRegistry registry;

    public ClusterSelection(ClusterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Runs {@code work} for the cluster named {@code name} (null: the only registered one); an unknown or missing
     * name is refused before {@code work} starts.
     */
    public <T> T within(String name, Supplier<T> work) {
        return within(registry.select(name), work);
    }

    /** Runs {@code work} for {@code cluster}, then restores the selection found before. */
    public <T> T within(RegisteredCluster cluster, Supplier<T> work) {
        RegisteredCluster outer = CURRENT.get();
        Object outerField = LogFields.get(LOG_FIELD);
        CURRENT.set(cluster);
        LogFields.put(LOG_FIELD, cluster.name());
        try {
            return work.get();
        } finally {
            restore(outer, outerField);
        }
    }

    /** The selected cluster; when none is, the only registered one (a fleet needs an explicit selection). */
    public RegisteredCluster current() {
        RegisteredCluster selected = selected();
        return selected != null ? selected : registry.select(null);
    }

    /** The cluster selected on this thread; null when none is. */
    protected RegisteredCluster selected() {
        return CURRENT.get();
    }

    /**
     * {@code task} made to run on another thread for the cluster selected on this one, with this thread's log fields
     * (function, cluster, run, request id), so a line the task writes names its invocation.
     */
    public <T> Callable<T> carrying(Callable<T> task) {
        RegisteredCluster selected = CURRENT.get();
        Map<String, Object> fields = LogFields.copy();
        if (selected == null && fields.isEmpty()) {
            return task;
        }
        return () -> {
            RegisteredCluster outer = CURRENT.get();
            Map<String, Object> outerFields = LogFields.copy();
            if (selected != null) {
                CURRENT.set(selected);
            }
            LogFields.putAll(fields);
            try {
                return task.call();
            } finally {
                if (outer == null) {
                    CURRENT.remove();
                } else {
                    CURRENT.set(outer);
                }
                LogFields.replace(outerFields);
            }
        };
    }

    private static void restore(RegisteredCluster outer, Object outerField) {
        if (outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(outer);
        }
        LogFields.put(LOG_FIELD, outerField);
    }
}
