package com.clustertokens.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.clustertokens.testing.ControlledClock;

class DeadlineTest {

    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final Duration FLOOR = Duration.ofMillis(100);
    private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");

    @Test
    void keepsTheLimitWithoutADeadline() {
        assertThat(Deadline.NONE.cap(LIMIT, Duration.ofSeconds(10), FLOOR)).isEqualTo(LIMIT);
        assertThat(Deadline.NONE.passed()).isFalse();
        assertThat(Deadline.NONE.leavesLessThan(Duration.ofDays(1))).isFalse();
    }

    @Test
    void keepsTheLimitWhenTheDeadlineLeavesMoreThanItAndWhatIsKept() {
        assertThat(at(NOW.plus(Duration.ofHours(1))).cap(LIMIT, Duration.ofSeconds(10), FLOOR))
                .isEqualTo(LIMIT);
    }

    @Test
    void cutsTheLimitToTheTimeLeftLessWhatIsKept() {
        Duration capped = at(NOW.plus(Duration.ofMinutes(10))).cap(Duration.ofHours(1),
                Duration.ofMinutes(5), FLOOR);

        assertThat(capped).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void neverCutsBelowTheFloorWhenWhatIsKeptExceedsTheTimeLeft() {
        assertThat(at(NOW.plusSeconds(2)).cap(LIMIT, Duration.ofSeconds(5), FLOOR)).isEqualTo(FLOOR);
    }

    @Test
    void aDeadlineThatHasComeLeavesNothingAndNeverANegativeTime() {
        Deadline past = at(NOW.minusSeconds(5));

        assertThat(past.passed()).isTrue();
        assertThat(past.timeLeft()).contains(Duration.ZERO);
        assertThat(past.leavesLessThan(Duration.ofMillis(1))).isTrue();
    }

    /** A deadline at {@code instant}, measured by a clock standing at {@link #NOW}. */
    private static Deadline at(Instant instant) {
        return new Deadline(Optional.of(instant), "the 60000 ms Lambda gave the invocation", new ControlledClock(NOW));
    }
}
