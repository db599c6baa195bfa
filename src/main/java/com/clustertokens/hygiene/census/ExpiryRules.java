package com.clustertokens.hygiene.census;

import java.time.Duration;
import java.time.Instant;

/**
 * What the expiry scan reads and how it sorts what it read: at most {@code limit} tokens, none started with less than
 * {@code reserve} left before the invocation's deadline; in use and expiring by {@code now + warning}, or created at
 * least {@code rotateAfter} before {@code now}.
 */
public record ExpiryRules(Instant now, Duration warning, Duration rotateAfter, int limit, Duration reserve) {
}
