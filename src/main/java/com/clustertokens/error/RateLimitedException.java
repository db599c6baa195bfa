package com.clustertokens.error;

import java.time.Duration;
import java.util.Optional;

/** The cluster kept answering 429 (too many requests); retry after the given delay. */
public final class RateLimitedException extends TokenFunctionException {

    public RateLimitedException(String clusterUrl, String detail, Optional<Duration> retryAfter) {
        super("Cluster " + clusterUrl + " is rate limiting requests (429)" + detail
                + retryAfter.map(d -> "; retry after " + d.toSeconds() + " s").orElse(""), true);
    }

    /** The same rate limiting, with a note on what was done about it (retries given up, deadline reached). */
    public RateLimitedException(RateLimitedException original, String note) {
        super(original.getMessage() + note, true, original);
    }
}
