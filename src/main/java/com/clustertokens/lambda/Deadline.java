package com.clustertokens.lambda;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When an invocation must have reported ({@code at}), as a value: a client bound to the invocation measures its calls
 * against it on whichever thread they run, on the {@code clock} it is measured by. {@code given} says, for messages,
 * how much time the invocation was given and by whom (Lambda's Context, or DT_INVOCATION_TIMEOUT). Empty outside an
 * invocation.
 */
public record Deadline(Optional<Instant> at, String given, InvocationClock clock) {

    public static final Deadline NONE = new Deadline(Optional.empty(), "no invocation deadline", new InvocationClock());

    /** What is left before the deadline (never negative); empty when there is none. */
    public Optional<Duration> timeLeft() {
        return at.map(d -> {
            Duration left = Duration.between(clock.now(), d);
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

    public boolean passed() {
        return at.isPresent() && !clock.now().isBefore(at.get());
    }

    /** Waits a retry's back-off on the clock the deadline is measured by. */
    public void pause(Duration wait) throws InterruptedException {
        clock.pause(wait);
    }
}
