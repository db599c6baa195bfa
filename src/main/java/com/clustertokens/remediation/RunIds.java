package com.clustertokens.remediation;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Random;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The random part of an unscheduled run's id, reseeded from the OS's entropy after a SnapStart restore: from
 * ThreadLocalRandom, whose seed is in the snapshot, every environment restored from it would draw the same ids.
 */
@ApplicationScoped
public class RunIds {

    private volatile Random source;

    public RunIds() {
        this(new SecureRandom().nextLong());
    }

    /** With the source seeded from {@code seed}: two of one seed draw alike, as restored copies would. */
    RunIds(long seed) {
        this.source = new Random(seed);
    }

    String next() {
        return HexFormat.of().toHexDigits(source.nextInt());
    }

    /** Seeds the source afresh from the operating system's entropy (a new SecureRandom reads it at creation). */
    public void reseed() {
        source = new Random(new SecureRandom().nextLong());
    }
}
