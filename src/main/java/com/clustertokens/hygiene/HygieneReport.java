package com.clustertokens.hygiene;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What stale-tokens returns. Times are ISO-8601 UTC instants. {@code stale} lists live stale tokens, oldest use
 * first (never used first); {@code expiring} and {@code revoked} are stale tokens set apart by their metadata.
 * {@code truncated}: a section lists fewer entries than it counts. {@code mayBeIncomplete}: a list query returned
 * exactly its limit, so the cluster may hold tokens the report never saw.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HygieneReport(String generatedAt, String clusterUrl, String trigger, String now, String cutoff,
        String staleAfter, Filters filters, Counts counts, List<StaleToken> stale, List<StaleToken> expiring,
        List<StaleToken> revoked, List<ExcludedToken> excluded, List<QuerySent> queries, List<String> notes,
        boolean truncated, boolean mayBeIncomplete, String summary) {

    /** The filters the run applied. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Filters(String user, List<String> permissions, List<String> exclude,
            List<String> autoCreatedNames) {
    }

    /**
     * Tokens per class: {@code total} = active + dormant + noRecordedUse + excluded. {@code enriched},
     * {@code revoked}, {@code expiring} and {@code deleted} count among the stale tokens whose metadata was read.
     */
    public record Counts(long total, long active, long dormant, long noRecordedUse, long excluded, long enriched,
            long revoked, long expiring, long deleted) {
    }

    /**
     * A stale token. {@code status}: dormant (last used before the cutoff) or noRecordedUse (in neither query).
     * {@code owner}, {@code lastUse}, {@code created}, {@code expires} are present only when its metadata was read.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StaleToken(String id, String name, String status, String owner, String lastUse, String created,
            String expires, Boolean revoked) {
    }

    /** A token kept out of the stale classes, with why and the class it would have had. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ExcludedToken(String id, String name, String reason, String status) {
    }

    /** One list query as sent, and how many entries came back; {@code reachedLimit}: it may be cut off. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record QuerySent(String purpose, Long from, Long to, int limit, long returned, boolean reachedLimit) {
    }
}
