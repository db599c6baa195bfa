package com.clustertokens.hygiene.census;

import java.util.ArrayList;
import java.util.List;

import com.clustertokens.hygiene.report.HygieneReport;
import com.clustertokens.hygiene.report.HygieneReport.QuerySent;

/** What a {@link TokenCensus} found, as the report's sections: counts, tokens, exclusions, queries and notes. */
public final class CensusResult {

    private final Census census;
    private final Findings findings;
    private final HygieneReport.LastUseAges ages;
    private final NamePatterns exclusions;
    private final List<QuerySent> queries;
    private final List<String> notes;

    CensusResult(Census census, Findings findings, HygieneReport.LastUseAges ages, NamePatterns exclusions,
            List<QuerySent> queries,
            List<String> notes, int listLimit, int enrichLimit, int enrichCount, int candidates) {
        this.census = census;
        this.findings = findings;
        this.ages = ages;
        this.exclusions = exclusions;
        this.queries = queries;
        this.notes = notes;
        addLimitNotes(listLimit, enrichLimit, enrichCount, candidates);
    }

    /** The report body: every section but the summary and the deliveries. */
    public HygieneReport.Body body() {
        return new HygieneReport.Body(findings.counts, ages, findings.stale, findings.expiring, findings.revoked,
                census.excludedKept, exclusions(), queries, notes, truncated(), mayBeIncomplete());
    }

    // Notes on the limits the census met, after those of the census itself and of the metadata.
    private void addLimitNotes(int listLimit, int enrichLimit, int enrichCount, int candidates) {
        HygieneReport.Counts counts = findings.counts;
        if (mayBeIncomplete()) {
            notes.add("a list query returned exactly its limit of " + listLimit + " entries; the cluster may hold "
                    + "tokens the report never saw");
        }
        if (counts.unverified() > 0) {
            notes.add(counts.unverified() + " tokens with no recorded use are unverified: their creation time was not "
                    + "read (metadata limit HYGIENE_ENRICH_LIMIT " + enrichLimit + ", or unreadable), so "
                    + "they are not reported as stale");
        }
        if (enrichCount < candidates && counts.dormant() > 0) {
            notes.add("metadata read for " + enrichCount + " of " + candidates + " candidates (limit "
                    + enrichLimit + "); the dormant tokens past it show id and name only");
        }
    }

    /** Whether a section lists fewer entries than it counts. */
    private boolean truncated() {
        return findings.unlisted() > 0 || census.excluded > census.excludedKept.size();
    }

    /** Whether a list query returned exactly its limit, so the cluster may hold tokens the census never saw. */
    private boolean mayBeIncomplete() {
        return queries.stream().anyMatch(QuerySent::reachedLimit);
    }

    /** How many tokens each exclusion removed: the cluster's own names (when any), then each pattern. */
    private List<HygieneReport.Exclusion> exclusions() {
        List<HygieneReport.Exclusion> counts = new ArrayList<>();
        for (int rule = exclusions.hasAutoCreated() ? 0 : 1; rule < exclusions.rules(); rule++) {
            counts.add(new HygieneReport.Exclusion(exclusions.reason(rule), census.excludedBy[rule]));
        }
        return counts;
    }
}
