package com.clustertokens.lambda;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The invocation's time budget; read from environment variables too (DT_INVOCATION_*). */
@ConfigMapping(prefix = "dt")
public interface InvocationConfig {

    /**
     * The Lambda function's timeout, set by the template from the function's Timeout (DT_INVOCATION_TIMEOUT); when
     * set, retries stop in time to report a clear error instead of being cut off by Lambda.
     */
    Optional<Duration> invocationTimeout();

    /** Time kept back from the invocation timeout to report an error and write the response (DT_INVOCATION_SAFETY_MARGIN). */
    @WithDefault("1s")
    Duration invocationSafetyMargin();
}
