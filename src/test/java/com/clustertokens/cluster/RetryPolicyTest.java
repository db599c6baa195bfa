package com.clustertokens.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private final RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(20),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void environmentsRestoredFromOneSnapshotBackOffDifferentlyOnceReseeded() {
        // Two copies of one snapshot hold one seed, and so would retry in step against the cluster.
        RetryPolicy first = new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(20), Clock.systemUTC(), 42);
        RetryPolicy second = new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(20), Clock.systemUTC(), 42);
        assertThat(waits(first)).isEqualTo(waits(second));

        first.reseed();
        second.reseed();

        assertThat(waits(first)).isNotEqualTo(waits(second));
    }

    private static List<Duration> waits(RetryPolicy policy) {
        return IntStream.range(0, 20).mapToObj(i -> policy.backoff(5)).toList();
    }

    @Test
    void readsRetryAfterInSeconds() {
        assertThat(policy.requestedDelay("7", null)).contains(Duration.ofSeconds(7));
    }

    @Test
    void readsRetryAfterAsAnHttpDate() {
        assertThat(policy.requestedDelay("Sun, 22 Nov 2026 10:00:30 GMT", null)).contains(Duration.ofSeconds(30));
    }

    @Test
    void prefersRetryAfterOverRateLimitReset() {
        long resetMicros = NOW.plusSeconds(50).toEpochMilli() * 1000;
        assertThat(policy.requestedDelay("2", String.valueOf(resetMicros))).contains(Duration.ofSeconds(2));
    }

    @Test
    void readsRateLimitResetInMicrosecondsAsDocumented() {
        long resetMicros = NOW.plusSeconds(12).toEpochMilli() * 1000;
        assertThat(policy.requestedDelay(null, String.valueOf(resetMicros))).contains(Duration.ofSeconds(12));
    }

    @Test
    void readsRateLimitResetSentAsEpochSecondsOrMillis() {
        assertThat(policy.requestedDelay(null, String.valueOf(NOW.getEpochSecond() + 5)))
                .contains(Duration.ofSeconds(5));
        assertThat(policy.requestedDelay(null, String.valueOf(NOW.toEpochMilli() + 4000)))
                .contains(Duration.ofSeconds(4));
    }

    @Test
    void treatsAResetInThePastAsNoWait() {
        assertThat(policy.requestedDelay(null, String.valueOf(NOW.getEpochSecond() - 100)))
                .contains(Duration.ZERO);
    }

    @Test
    void ignoresUnreadableHeaders() {
        assertThat(policy.requestedDelay("soon", "later")).isEqualTo(Optional.empty());
        assertThat(policy.requestedDelay("-3", null)).isEqualTo(Optional.empty());
    }

    @Test
    void backsOffExponentiallyWithJitterWithinTheCap() {
        for (int i = 0; i < 200; i++) {
            assertThat(policy.backoff(1)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
            assertThat(policy.backoff(3)).isBetween(Duration.ofMillis(1000), Duration.ofMillis(2000));
            assertThat(policy.backoff(30)).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(20));
        }
    }

    @Test
    void retriesOnlyStatusesThatMeanBrieflyUnavailable() {
        assertThat(RetryPolicy.isRetryableStatus(429)).isTrue();
        assertThat(RetryPolicy.isRetryableStatus(502)).isTrue();
        assertThat(RetryPolicy.isRetryableStatus(503)).isTrue();
        assertThat(RetryPolicy.isRetryableStatus(504)).isTrue();
        assertThat(RetryPolicy.isRetryableStatus(500)).isFalse();
        assertThat(RetryPolicy.isRetryableStatus(400)).isFalse();
        assertThat(RetryPolicy.isRetryableStatus(401)).isFalse();
    }
}
