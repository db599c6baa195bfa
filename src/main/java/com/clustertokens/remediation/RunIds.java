package com.clustertokens.remediation;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Random;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The random part of an unscheduled remediation run's id, which tells apart two runs of the same instant in the
 * ledger's history. Drawn from a source seeded from the operating system's entropy, and again by {@link #reseed()}
 * after a SnapStart restore: from ThreadLocalRandom, whose seed is in the snapshot, every environment restored from
 * one snapshot would draw the same ids, as the retries' jitter would draw the same waits.
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
