package com.clustertokens.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * A gate a WireMock stub's answer passes through just before it is sent. Closed, it holds the answer until the test
 * opens it: a client waiting for it gives up by its own timeout however slow the machine, and an answer that must
 * come after something else comes after it. An arrival action runs first, so the test can move a
 * {@link ControlledClock} as if the answer took that long. A stub passes through the gate with {@link #on}; the
 * servers of {@link WireMockResource} and {@link PipelineAwsResource} know the {@link Listener}. Tests open their
 * gates at the end ({@link #openAll()}); a gate never opened opens by itself after {@link #GUARD}, as hang
 * protection only.
 */
public final class AnswerGate {

    /** Longest an answer is held when the test never opens its gate: a guard against a hung test, never a timing. */
    public static final Duration GUARD = Duration.ofMinutes(2);

    private static final Map<String, AnswerGate> GATES = new ConcurrentHashMap<>();
    private static final AtomicLong IDS = new AtomicLong();

    private final String id = "gate-" + IDS.incrementAndGet();
    private final CountDownLatch opened = new CountDownLatch(1);
    private final Semaphore arrived = new Semaphore(0);
    private final AtomicInteger arrivals = new AtomicInteger();
    private volatile Runnable onArrival = () -> {
    };

    private AnswerGate(boolean open) {
        if (open) {
            opened.countDown();
        }
        GATES.put(id, this);
    }

    /** A gate that holds every answer through it until {@link #open()}. */
    public static AnswerGate closed() {
        return new AnswerGate(false);
    }

    /** A gate that lets answers through, after its arrival action. */
    public static AnswerGate passing() {
        return new AnswerGate(true);
    }

    /** A gate that lets answers through, each as if it took {@code time}: it moves {@code clock} on by that. */
    public static AnswerGate taking(Duration time, ControlledClock clock) {
        return passing().onArrival(() -> clock.advance(time));
    }

    /**
     * A gate that lets answers through, each {@code since} after {@code clock}'s start however many arrive at once
     * (requests sent in parallel): it moves the clock on to that instant.
     */
    public static AnswerGate arrivingAt(Duration since, ControlledClock clock) {
        return passing().onArrival(() -> clock.moveTo(since));
    }

    /** Runs {@code action} as each answer reaches the gate, before it waits there (if closed). */
    public AnswerGate onArrival(Runnable action) {
        this.onArrival = action;
        return this;
    }

    /** {@code stub}, its answer passing through this gate. */
    public MappingBuilder on(MappingBuilder stub) {
        return stub.withServeEventListener(Listener.NAME, Parameters.one("gate", id));
    }

    /** Waits (at most {@link #GUARD}) until the next answer has reached the gate and its arrival action has run. */
    public void awaitArrival() {
        try {
            assertThat(arrived.tryAcquire(GUARD.toMillis(), TimeUnit.MILLISECONDS)).as("an answer reached the gate")
                    .isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** How many answers reached the gate. */
    public int arrivals() {
        return arrivals.get();
    }

    /** Lets the held answers, and every later one, through. */
    public void open() {
        opened.countDown();
    }

    /** Opens every gate, so no answer stays held after its test: for {@code @AfterEach}. */
    public static void openAll() {
        GATES.values().forEach(AnswerGate::open);
        GATES.clear();
    }

    private void pass() {
        onArrival.run();
        arrivals.incrementAndGet();
        arrived.release();
        try {
            opened.await(GUARD.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The WireMock extension that sends a stub's answers through the gate its parameters name. */
    public static final class Listener implements ServeEventListener {

        public static final String NAME = "answer-gate";

        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public void beforeResponseSent(ServeEvent serveEvent, Parameters parameters) {
            AnswerGate gate = GATES.get(parameters.getString("gate"));
            if (gate != null) {
                gate.pass();
            }
        }
    }
}
