package com.clustertokens.invocation;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.quarkus.arc.Arc;

/**
 * The one clock every call of an invocation is measured against: cluster calls and AWS SDK calls alike take their
 * timeouts from the time its {@link Deadline} leaves. Work handed to another thread is handed the deadline with it,
 * as a value (a cluster client carries the one it was selected with): only the invocation's thread can read it here.
 */
@ApplicationScoped
public class InvocationBudget {

    private final Instance<InvocationDeadline> invocation;
    private final InvocationConfig config;
    private final InvocationClock clock;

    public InvocationBudget(Instance<InvocationDeadline> invocation, InvocationConfig config, InvocationClock clock) {
        this.invocation = invocation;
        this.config = config;
        this.clock = clock;
    }

    /** The current invocation's deadline; none outside an invocation or without DT_INVOCATION_TIMEOUT. */
    public Deadline deadline() {
        if (invocation.isUnsatisfied() || !Arc.container().requestContext().isActive()) {
            return new Deadline(Optional.empty(), Optional.empty(), clock);
        }
        return new Deadline(invocation.get().deadline(), config.invocationTimeout(), clock);
    }

    /** The configured DT_INVOCATION_TIMEOUT, for messages. */
    public Optional<Duration> invocationTimeout() {
        return config.invocationTimeout();
    }

    /** Time kept back from the invocation timeout to report an error (DT_INVOCATION_SAFETY_MARGIN). */
    public Duration safetyMargin() {
        return config.invocationSafetyMargin();
    }
}
