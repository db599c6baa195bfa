package com.clustertokens.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import com.clustertokens.lambda.InvocationClock;

import io.quarkus.test.junit.QuarkusMock;

/**
 * The invocation's clock in the test's hands: it stands still unless the test moves it ({@link #advance}, e.g. while
 * an {@link AnswerGate} holds the cluster's answer) or the code waits on it ({@link #pause}: a back-off, taken at
 * once and recorded). Deadlines, the time left and the stops before them then follow from the test's steps alone,
 * not from how busy the machine is.
 */
public class ControlledClock extends InvocationClock {

    private final Instant start;
    private final AtomicReference<Instant> now;
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();

    public ControlledClock(Instant start) {
        this.start = start;
        this.now = new AtomicReference<>(start);
    }

    /** A clock standing at the current instant, the application's {@link InvocationClock} for the running test. */
    public static ControlledClock installed() {
        ControlledClock clock = new ControlledClock(Instant.now());
        QuarkusMock.installMockForType(clock, InvocationClock.class);
        return clock;
    }

    @Override
    public Instant now() {
        return now.get();
    }

    @Override
    public void pause(Duration wait) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        pauses.add(wait);
        advance(wait);
    }

    /** Moves the clock on, as if {@code by} had passed. */
    public ControlledClock advance(Duration by) {
        now.updateAndGet(at -> at.plus(by));
        return this;
    }

    /**
     * Moves the clock on to {@code since} after its start, unless it is there already: answers that arrive together,
     * on threads of their own, then all arrive at that instant instead of adding up.
     */
    public ControlledClock moveTo(Duration since) {
        Instant at = start.plus(since);
        now.updateAndGet(current -> current.isBefore(at) ? at : current);
        return this;
    }

    /** Every wait the code took on this clock, in order. */
    public List<Duration> pauses() {
        return List.copyOf(pauses);
    }

    /** The waits' sum. */
    public Duration paused() {
        return pauses.stream().reduce(Duration.ZERO, Duration::plus);
    }
}
