package com.clustertokens.hygiene;

import java.time.Instant;
import java.util.List;

import com.clustertokens.cluster.TokenScope;

/**
 * One run's resolved parameters: the reference time {@code now}, the {@code cutoff} (a token last used at or after
 * it is active), where they came from ({@code trigger}), the run's identity {@code id} (the schedule's time or the
 * event's id, the same on every retry; null for a direct run, which is never deduplicated), and the filters.
 */
record HygieneRun(Instant now, Instant cutoff, StalePeriod staleAfter, String trigger, String id, String user,
        List<TokenScope> permissions, NamePatterns exclusions) {
}
