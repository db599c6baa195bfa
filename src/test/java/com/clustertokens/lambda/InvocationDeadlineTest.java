package com.clustertokens.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.testing.ConfigMappings;

/** The deadline is what Lambda's Context leaves the invocation; without a Context, DT_INVOCATION_TIMEOUT. */
class InvocationDeadlineTest {

    @AfterEach
    void noContextLeft() {
        LambdaHandler.ARRIVED.remove();
    }

    @Test
    void endsWhenTheContextsRemainingTimeLessTheSafetyMarginIsUsed() {
        LambdaHandler.ARRIVED.set(new FakeContext("r-1", 42_000));

        Instant before = Instant.now();
        InvocationDeadline deadline = started(Map.of("dt.invocation-timeout", "5s"));
        Instant after = Instant.now();

        assertThat(deadline.deadline()).isBetween(before.plusSeconds(41), after.plusSeconds(41));
        assertThat(deadline.describe()).isEqualTo("the 42000 ms Lambda gave the invocation");
    }

    @Test
    void takesDtInvocationTimeoutFromTheStartWhenNoContextArrivedAsInALocalRun() {
        Instant before = Instant.now();
        InvocationDeadline deadline = started(Map.of("dt.invocation-timeout", "90s",
                "dt.invocation-safety-margin", "2s"));
        Instant after = Instant.now();

        assertThat(deadline.deadline()).isBetween(before.plusSeconds(88), after.plusSeconds(88));
        assertThat(deadline.describe()).isEqualTo("DT_INVOCATION_TIMEOUT 90000 ms");
    }

    @Test
    void givesALocalRunTheLongestTimeoutTheTemplateGivesUnlessSetOtherwise() {
        assertThat(ConfigMappings.of(InvocationConfig.class, Map.of()).invocationTimeout())
                .isEqualTo(Duration.ofSeconds(300));
    }

    @Test
    void neverEndsBeforeTheStartWhenTheContextLeavesLessThanTheSafetyMargin() {
        LambdaHandler.ARRIVED.set(new FakeContext("r-2", 300));

        Instant before = Instant.now();
        InvocationDeadline deadline = started(Map.of());
        Instant after = Instant.now();

        assertThat(deadline.deadline()).isBetween(before, after);
    }

    @Test
    void forgetsTheContextOnceTheInvocationHasAnswered() {
        LambdaHandler.ARRIVED.set(new FakeContext("r-3", 42_000));
        LambdaHandler.ARRIVED.remove();

        assertThat(started(Map.of("dt.invocation-timeout", "7s")).describe())
                .isEqualTo("DT_INVOCATION_TIMEOUT 7000 ms");
    }

    private static InvocationDeadline started(Map<String, String> properties) {
        InvocationDeadline deadline = new InvocationDeadline(ConfigMappings.of(InvocationConfig.class, properties),
                new InvocationClock());
        deadline.start();
        return deadline;
    }
}
