package com.clustertokens.invocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class DeadlineTest {

    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final Duration FLOOR = Duration.ofMillis(100);

    @Test
    void keepsTheLimitWithoutADeadline() {
        assertThat(Deadline.NONE.cap(LIMIT, Duration.ofSeconds(10), FLOOR)).isEqualTo(LIMIT);
        assertThat(Deadline.NONE.passed()).isFalse();
        assertThat(Deadline.NONE.leavesLessThan(Duration.ofDays(1))).isFalse();
    }

    @Test
    void keepsTheLimitWhenTheDeadlineLeavesMoreThanItAndWhatIsKept() {
        assertThat(at(Instant.now().plus(Duration.ofHours(1))).cap(LIMIT, Duration.ofSeconds(10), FLOOR))
                .isEqualTo(LIMIT);
    }

    @Test
    void cutsTheLimitToTheTimeLeftLessWhatIsKept() {
        Duration capped = at(Instant.now().plus(Duration.ofMinutes(10))).cap(Duration.ofHours(1),
                Duration.ofMinutes(5), FLOOR);

        assertThat(capped).isLessThanOrEqualTo(Duration.ofMinutes(5)).isGreaterThan(Duration.ofMinutes(4));
    }

    @Test
    void neverCutsBelowTheFloorWhenWhatIsKeptExceedsTheTimeLeft() {
        assertThat(at(Instant.now().plusSeconds(2)).cap(LIMIT, Duration.ofSeconds(5), FLOOR)).isEqualTo(FLOOR);
    }

    @Test
    void aDeadlineThatHasComeLeavesNothingAndNeverANegativeTime() {
        Deadline past = at(Instant.now().minusSeconds(5));

        assertThat(past.passed()).isTrue();
        assertThat(past.timeLeft()).contains(Duration.ZERO);
        assertThat(past.leavesLessThan(Duration.ofMillis(1))).isTrue();
    }

    private static Deadline at(Instant instant) {
        return new Deadline(Optional.of(instant), Optional.of(Duration.ofMinutes(1)));
    }
}
