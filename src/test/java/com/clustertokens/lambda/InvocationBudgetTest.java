package com.clustertokens.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class InvocationBudgetTest {

    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final Duration FLOOR = Duration.ofMillis(100);

    @Test
    void keepsTheLimitWithoutADeadline() {
        assertThat(budget(null).cap(LIMIT, Duration.ofSeconds(10), FLOOR)).isEqualTo(LIMIT);
    }

    @Test
    void keepsTheLimitWhenTheDeadlineLeavesMoreThanItAndWhatIsKept() {
        assertThat(budget(Instant.now().plus(Duration.ofHours(1))).cap(LIMIT, Duration.ofSeconds(10), FLOOR))
                .isEqualTo(LIMIT);
    }

    @Test
    void cutsTheLimitToTheTimeLeftLessWhatIsKept() {
        Duration capped = budget(Instant.now().plus(Duration.ofMinutes(10))).cap(Duration.ofHours(1),
                Duration.ofMinutes(5), FLOOR);

        assertThat(capped).isLessThanOrEqualTo(Duration.ofMinutes(5)).isGreaterThan(Duration.ofMinutes(4));
    }

    @Test
    void neverCutsBelowTheFloorWhenWhatIsKeptExceedsTheTimeLeft() {
        assertThat(budget(Instant.now().plusSeconds(2)).cap(LIMIT, Duration.ofSeconds(5), FLOOR)).isEqualTo(FLOOR);
    }

    /** A budget with this deadline (none when null). */
    private static InvocationBudget budget(Instant deadline) {
        return new InvocationBudget(null, null) {
            @Override
            public Optional<Instant> deadline() {
                return Optional.ofNullable(deadline);
            }
        };
    }
}
