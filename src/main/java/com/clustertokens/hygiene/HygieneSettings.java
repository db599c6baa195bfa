package com.clustertokens.hygiene;

import java.util.ArrayList;
import java.util.List;

import com.clustertokens.cluster.ListQuery;
import com.clustertokens.error.ConfigurationException;
import com.clustertokens.hygiene.report.StalePeriod;

/** Checks the {@code hygiene.*} settings before a run reads its input: a misconfiguration is the operator's to fix. */
public final class HygieneSettings {

    private HygieneSettings() {
    }

    /**
     * The stale period a run uses unless its request says otherwise; throws {@link ConfigurationException} naming
     * every setting that breaks its rule.
     */
    public static StalePeriod check(HygieneConfig config) {
        List<String> problems = new ArrayList<>();
        StalePeriod staleAfter = StalePeriod.parse("HYGIENE_STALE_AFTER", config.staleAfter(), problems);
        if (config.enrichLimit() < 0) {
            problems.add("HYGIENE_ENRICH_LIMIT must not be negative");
        }
        if (config.enrichConcurrency() < 1 || config.enrichConcurrency() > 64) {
            problems.add("HYGIENE_ENRICH_CONCURRENCY must be between 1 and 64");
        }
        if (config.expiryHorizon().isNegative()) {
            problems.add("HYGIENE_EXPIRY_HORIZON must not be negative");
        }
        if (config.listLimit() < 1 || config.listLimit() > ListQuery.MAX_LIMIT) {
            problems.add("HYGIENE_LIST_LIMIT must be between 1 and " + ListQuery.MAX_LIMIT);
        }
        if (config.reportLimit() < 1) {
            problems.add("HYGIENE_REPORT_LIMIT must be at least 1");
        }
        if (config.summaryLines() < 0) {
            problems.add("HYGIENE_SUMMARY_LINES must not be negative");
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(String.join("; ", problems));
        }
        return staleAfter;
    }
}
