package com.clustertokens.invocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.clustertokens.testing.ControlledClock;

class InvocationBudgetTest {

    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final Duration FLOOR = Duration.ofMillis(100);
    private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");

    @Test
    void keepsTheLimitWithoutADeadline() {
        assertThat(budget(null).cap(LIMIT, Duration.ofSeconds(10), FLOOR)).isEqualTo(LIMIT);
    }

    @Test
    void keepsTheLimitWhenTheDeadlineLeavesMoreThanItAndWhatIsKept() {
        assertThat(budget(NOW.plus(Duration.ofHours(1))).cap(LIMIT, Duration.ofSeconds(10), FLOOR))
                .isEqualTo(LIMIT);
    }

    @Test
    void cutsTheLimitToTheTimeLeftLessWhatIsKept() {
        Duration capped = budget(NOW.plus(Duration.ofMinutes(10))).cap(Duration.ofHours(1),
                Duration.ofMinutes(5), FLOOR);

        assertThat(capped).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void neverCutsBelowTheFloorWhenWhatIsKeptExceedsTheTimeLeft() {
        assertThat(budget(NOW.plusSeconds(2)).cap(LIMIT, Duration.ofSeconds(5), FLOOR)).isEqualTo(FLOOR);
    }

    /** A budget with this deadline (none when null), its clock standing at {@link #NOW}. */
    private static InvocationBudget budget(Instant deadline) {
        return new InvocationBudget(null, null, new ControlledClock(NOW)) {
            @Override
            public Optional<Instant> deadline() {
                return Optional.ofNullable(deadline);
            }
        };
    }
}
