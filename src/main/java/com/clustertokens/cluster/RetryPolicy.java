package com.clustertokens.cluster;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Random;

/**
 * When to retry a read and how long to wait: exponential back-off with jitter, unless the cluster says how long
 * through {@code Retry-After} (seconds or HTTP date) or {@code X-RateLimit-Reset}.
 */
public final class RetryPolicy {

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Clock clock;
    /**
     * Seeded from the OS's entropy, again by {@link #reseed()} after a SnapStart restore: environments restored from
     * one snapshot would otherwise draw the same waits (ThreadLocalRandom's seeds are in it) and retry in step.
     */
    private volatile Random jitter;

    public RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Clock clock) {
        this(maxAttempts, initialBackoff, maxBackoff, clock, new SecureRandom().nextLong());
    }

    /** With the jitter seeded from {@code seed}: two policies of one seed wait alike, as restored copies would. */
    RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Clock clock, long seed) {
        this.maxAttempts = Math.max(1, maxAttempts);
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.clock = clock;
        this.jitter = new Random(seed);
    }

    /** Seeds the jitter afresh from the operating system's entropy (a new SecureRandom reads it at creation). */
    void reseed() {
        jitter = new Random(new SecureRandom().nextLong());
    }

    public static RetryPolicy from(ClusterConfig.Retry config) {
        return new RetryPolicy(config.maxAttempts(), config.initialBackoff(), config.maxBackoff(), Clock.systemUTC());
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** Statuses worth another try for a read: the cluster or a proxy in front of it is briefly unavailable. */
    public static boolean isRetryableStatus(int status) {
        return status == 429 || status == 502 || status == 503 || status == 504;
    }

    /** Back-off before retry number {@code retry} (1 for the first retry): half fixed, half random, capped. */
    public Duration backoff(int retry) {
        long base = initialBackoff.toMillis() << Math.min(retry - 1, 20);
        long capped = Math.min(Math.max(base, 1), maxBackoff.toMillis());
        long half = capped / 2;
        return Duration.ofMillis(half + jitter.nextLong(capped - half + 1));
    }

    /** The wait the cluster asked for, from {@code Retry-After} first, then {@code X-RateLimit-Reset}. */
    public Optional<Duration> requestedDelay(String retryAfter, String rateLimitReset) {
        return parseRetryAfter(retryAfter).or(() -> parseRateLimitReset(rateLimitReset));
    }

    Optional<Duration> parseRetryAfter(String value) {
        String trimmed = value == null ? "" : value.strip();
        try {
            long seconds = Long.parseLong(trimmed);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                return Optional.of(until(ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant()));
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    /**
     * Dynatrace documents this header as an epoch timestamp in microseconds, yet some of its tools read it as
     * seconds; the magnitude tells which unit was sent, and a small number is taken as seconds to wait.
     */
    Optional<Duration> parseRateLimitReset(String value) {
        long raw;
        try {
            raw = Long.parseLong(value == null ? "" : value.strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return raw < 0
                ? Optional.empty()
                : Optional.of(raw >= 100_000_000_000_000L
                        ? until(Instant.ofEpochSecond(raw / 1_000_000, (raw % 1_000_000) * 1000))
                        : raw >= 100_000_000_000L
                                ? until(Instant.ofEpochMilli(raw))
                                : raw >= 1_000_000_000L ? until(Instant.ofEpochSecond(raw)) : Duration.ofSeconds(raw));
    }

    /** The wait until {@code at}; none once it has passed. */
    private Duration until(Instant at) {
        Duration d = Duration.between(clock.instant(), at);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
