package com.clustertokens.hygiene;

import java.time.Instant;
import java.util.List;

import com.clustertokens.cluster.TokenScope;

/**
 * One run's resolved parameters: the reference time {@code now}, the {@code cutoff} (a token last used at or after
 * it is active), where they came from, and the filters.
 */
record HygieneRun(Instant now, Instant cutoff, StalePeriod staleAfter, String trigger, String user,
        List<TokenScope> permissions, NamePatterns exclusions) {
}
