package com.clustertokens.lambda;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.quarkus.arc.Arc;

/**
 * The one clock every call of an invocation is measured against: cluster calls and AWS SDK calls alike take their
 * timeouts from the time it leaves, also on threads the invocation hands work to ({@link #carrying}).
 */
@ApplicationScoped
public class InvocationBudget {

    /** The deadline a task carries to a thread outside the invocation's request context; null when none. */
    private static final ThreadLocal<Optional<Instant>> CARRIED = new ThreadLocal<>();

    private final Instance<InvocationDeadline> invocation;
    private final InvocationConfig config;

    public InvocationBudget(Instance<InvocationDeadline> invocation, InvocationConfig config) {
        this.invocation = invocation;
        this.config = config;
    }

    /** The current invocation's deadline; none outside an invocation or without DT_INVOCATION_TIMEOUT. */
    public Optional<Instant> deadline() {
        Optional<Instant> carried = CARRIED.get();
        if (carried != null) {
            return carried;
        }
        if (invocation.isUnsatisfied() || !Arc.container().requestContext().isActive()) {
            return Optional.empty();
        }
        return invocation.get().deadline();
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

    /** The configured DT_INVOCATION_TIMEOUT, for messages. */
    public Optional<Duration> invocationTimeout() {
        return config.invocationTimeout();
    }

    /** Time kept back from the invocation timeout to report an error (DT_INVOCATION_SAFETY_MARGIN). */
    public Duration safetyMargin() {
        return config.invocationSafetyMargin();
    }

    /**
     * {@code task} made to run on another thread with the calling invocation's deadline: the invocation's request
     * context, which holds the deadline, is not active there.
     */
    public <T> Callable<T> carrying(Callable<T> task) {
        Optional<Instant> deadline = deadline();
        return () -> {
            Optional<Instant> outer = CARRIED.get();
            CARRIED.set(deadline);
            try {
                return task.call();
            } finally {
                CARRIED.set(outer);
            }
        };
    }
}
