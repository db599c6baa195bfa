package com.clustertokens.remediation;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The time remediation acts at: the system clock. A bean of its own so that tests can move a run days ahead (to
 * the day a revoked token is due for deletion) without any request being able to.
 */
@ApplicationScoped
public class RemediationClock {

    private final Clock clock = Clock.systemUTC();

    public Instant now() {
        return clock.instant();
    }
}
