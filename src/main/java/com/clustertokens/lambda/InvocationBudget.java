package com.clustertokens.lambda;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.arc.ManagedContext;

/**
 * The one clock every call of an invocation is measured against: cluster calls and AWS SDK calls alike take their
 * timeouts from the time it leaves, also on threads the invocation hands work to ({@link #carrying}).
 */
@ApplicationScoped
public class InvocationBudget {

    private final Instance<InvocationDeadline> invocation;
    private final InvocationConfig config;

    public InvocationBudget(Instance<InvocationDeadline> invocation, InvocationConfig config) {
        this.invocation = invocation;
        this.config = config;
    }

    /** The current invocation's deadline; none outside an invocation. */
    public Optional<Instant> deadline() {
        return current().map(InvocationDeadline::deadline);
    }

    /** What is left before the deadline (never negative); empty when there is no deadline. */
    public Optional<Duration> timeLeft() {
        return deadline().map(d -> {
            Duration left = Duration.between(Instant.now(), d);
            return left.isNegative() ? Duration.ZERO : left;
        });
    }

    /**
     * {@code limit}, cut to what is left before the deadline after keeping {@code keep}, never below {@code floor} (a
     * call at the very deadline then fails at once instead of hanging); {@code limit} when there is no deadline. The
     * one rule every AWS and cluster call's timeouts follow, so no single call outlives the invocation.
     */
    public Duration cap(Duration limit, Duration keep, Duration floor) {
        Duration capped = timeLeft().map(left -> left.minus(keep)).filter(left -> left.compareTo(limit) < 0)
                .orElse(limit);
        return capped.compareTo(floor) < 0 ? floor : capped;
    }

    /** Whether less than {@code needed} is left; never so without a deadline. */
    public boolean leavesLessThan(Duration needed) {
        return timeLeft().map(left -> left.compareTo(needed) < 0).orElse(false);
    }

    /** The time the invocation was given and where it came from, for messages. */
    public String describe() {
        return current().map(InvocationDeadline::describe)
                .orElseGet(() -> "DT_INVOCATION_TIMEOUT " + config.invocationTimeout().toMillis() + " ms");
    }

    /**
     * {@code task} made to run on another thread within the calling invocation's request context, which holds its
     * deadline: the context is activated there for the task (CDI's own propagation) and deactivated after it.
     */
    public <T> Callable<T> carrying(Callable<T> task) {
        ManagedContext requests = Arc.container().requestContext();
        InjectableContext.ContextState state = requests.getStateIfActive();
        if (state == null) {
            return task;
        }
        return () -> {
            if (requests.isActive()) {
                // Run where a request context is active already (this invocation's, on the caller's thread).
                return task.call();
            }
            requests.activate(state);
            try {
                return task.call();
            } finally {
                requests.deactivate();
            }
        };
    }

    private Optional<InvocationDeadline> current() {
        if (invocation == null || invocation.isUnsatisfied() || !Arc.container().requestContext().isActive()) {
            return Optional.empty();
        }
        return Optional.of(invocation.get());
    }
}
