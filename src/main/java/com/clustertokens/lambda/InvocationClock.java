package com.clustertokens.lambda;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The time an invocation's budget is measured in, and waited on: the system clock. A bean of its own so that tests
 * can hold it still and move it (an answer that took 50 s, a back-off) instead of waiting for real time to pass.
 */
@ApplicationScoped
public class InvocationClock {

    public Instant now() {
        return Instant.now();
    }

    public void pause(Duration wait) throws InterruptedException {
        Thread.sleep(wait.toMillis());
    }
}
