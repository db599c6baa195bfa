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
    /** The time given and where it came from, as errors state it. */
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
        given = context == null
                ? "DT_INVOCATION_TIMEOUT " + time.toMillis() + " ms"
                : "the " + time.toMillis() + " ms Lambda gave the invocation";
        Duration budget = time.minus(config.invocationSafetyMargin());
        deadline = clock.now().plus(budget.isNegative() ? Duration.ZERO : budget);
    }

    /** The instant by which the invocation must report. */
    public Instant deadline() {
        return deadline;
    }

    /** The time given, as an error states where it came from. */
    public String describe() {
        return given;
    }
}
