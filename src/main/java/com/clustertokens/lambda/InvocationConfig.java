package com.clustertokens.lambda;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The invocation's time budget; read from environment variables too (DT_INVOCATION_*). */
@ConfigMapping(prefix = "dt")
public interface InvocationConfig {

    /**
     * The time an invocation gets where no Lambda Context states it: local runs and tests (DT_INVOCATION_TIMEOUT).
     * On Lambda the Context's remaining time rules; the default is the longest Timeout the template gives.
     */
    @WithDefault("300s")
    Duration invocationTimeout();

    /** Time kept back from the invocation's time to report an error and write the response (DT_INVOCATION_SAFETY_MARGIN). */
    @WithDefault("1s")
    Duration invocationSafetyMargin();
}
