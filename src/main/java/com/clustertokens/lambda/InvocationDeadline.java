package com.clustertokens.lambda;

import java.time.Duration;
import java.time.Instant;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;

import com.amazonaws.services.lambda.runtime.Context;

/**
 * When the current invocation must have reported: the time it was given less the safety margin, counted from the
 * function's entry. On Lambda that time is what Lambda's Context leaves the invocation; without a Context (local runs,
 * tests) it is DT_INVOCATION_TIMEOUT.
 */
@RequestScoped
public class InvocationDeadline {

    private final InvocationConfig config;
    private final InvocationClock clock;
    private Instant deadline;
    /** The time given and where it came from, as errors state it ({@link #describe}). */
    private String given;

    public InvocationDeadline(InvocationConfig config, InvocationClock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Starts the clock, as the function is entered (or a cluster call comes before any function did); once. */
    @PostConstruct
    public void start() {
        if (deadline != null) {
            return;
        }
        Context context = LambdaHandler.ARRIVED.get();
        Duration time = context == null
                ? config.invocationTimeout()
                : Duration.ofMillis(Math.max(0, context.getRemainingTimeInMillis()));
        given = context == null ? configured(config) : "the " + time.toMillis() + " ms Lambda gave the invocation";
        Duration budget = time.minus(config.invocationSafetyMargin());
        deadline = clock.now().plus(budget.isNegative() ? Duration.ZERO : budget);
    }

    public Instant deadline() {
        return deadline;
    }

    public String describe() {
        return given;
    }

    /** The time an invocation is given where no Lambda Context says it, for messages. */
    static String configured(InvocationConfig config) {
        return "DT_INVOCATION_TIMEOUT " + config.invocationTimeout().toMillis() + " ms";
    }
}
