package com.clustertokens.snapstart;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** SnapStart: how Lambda initialises this environment, and whether the request paths are primed before the snapshot. */
@ConfigMapping(prefix = "snapstart")
public interface SnapStartConfig {

    /** How Lambda initialises this environment: {@code snap-start} when it will take a snapshot (AWS_LAMBDA_INITIALIZATION_TYPE). */
    @WithDefault("${AWS_LAMBDA_INITIALIZATION_TYPE:on-demand}")
    String initializationType();

    /** Whether a SnapStart init primes the functions' request paths against a loopback stand-in (SNAPSTART_PRIMING). */
    @WithDefault("true")
    boolean priming();

    /** How many times each function's requests are sent to the stand-in while priming (SNAPSTART_PRIMING_ROUNDS). */
    @WithDefault("3")
    int primingRounds();

    /** Whether this init ends in a SnapStart snapshot. */
    default boolean snapshotFollows() {
        return "snap-start".equals(initializationType());
    }
}
