package com.clustertokens.lambda;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;

/**
 * When the current invocation must have reported: its start plus DT_INVOCATION_TIMEOUT less the safety margin.
 * Funqy's Lambda binding does not pass the Lambda Context (and with it the remaining time) to a function, so
 * the budget is measured from the moment the function is entered ({@link Invocation}).
 */
@RequestScoped
public class InvocationDeadline {

    private final InvocationConfig config;
    private Instant startedAt;

    public InvocationDeadline(InvocationConfig config) {
        this.config = config;
    }

    // Used only when a cluster call comes before any function entry marked the start (e.g. a test calling the client).
    @PostConstruct
    void created() {
        start();
    }

    /** Marks the invocation's start; later calls keep the first instant. */
    public void start() {
        if (startedAt == null) {
            startedAt = Instant.now();
        }
    }

    /** The instant by which the invocation must report, or empty when no invocation timeout is configured. */
    public Optional<Instant> deadline() {
        return config.invocationTimeout().map(timeout -> startedAt.plus(budget(timeout)));
    }

    /** The time the invocation timeout leaves for work: the timeout less the safety margin, never negative. */
    public Duration budget(Duration invocationTimeout) {
        Duration budget = invocationTimeout.minus(config.invocationSafetyMargin());
        return budget.isNegative() ? Duration.ZERO : budget;
    }
}
