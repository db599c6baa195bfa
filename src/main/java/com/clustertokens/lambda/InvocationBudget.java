package com.clustertokens.lambda;

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

    public Deadline deadline() {
        if (invocation == null || invocation.isUnsatisfied() || !Arc.container().requestContext().isActive()) {
            return new Deadline(Optional.empty(), InvocationDeadline.configured(config), clock);
        }
        InvocationDeadline current = invocation.get();
        return new Deadline(Optional.of(current.deadline()), current.describe(), clock);
    }
}
