package com.clustertokens.hygiene;

import java.util.ArrayList;
import java.util.List;

import com.clustertokens.cluster.ListQuery;
import com.clustertokens.cluster.RegisteredCluster;
import com.clustertokens.error.ConfigurationException;
import com.clustertokens.hygiene.census.NamePatterns;
import com.clustertokens.hygiene.report.StalePeriod;

/** Checks the {@code hygiene.*} settings before a run reads its input: a misconfiguration is the operator's to fix. */
public final class HygieneSettings {

    private HygieneSettings() {
    }

    /**
     * What a run of one cluster uses unless its request says otherwise: the cluster's stale period (its registry
     * entry's, else HYGIENE_STALE_AFTER) and its standing exclusions (its registry entry's), to which a request's add.
     */
    record ClusterDefaults(StalePeriod staleAfter, List<String> exclude) {

        /** The standing exclusions followed by the request's; null when there are none at all. */
        List<String> withExclusions(List<String> requested) {
            if (exclude.isEmpty()) {
                return requested;
            }
            List<String> all = new ArrayList<>(exclude);
            all.addAll(requested == null ? List.of() : requested);
            return all;
        }
    }

    /** The default stale period; throws {@link ConfigurationException} naming every setting that breaks its rule. */
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
        if (config.expiryWarning().isNegative()) {
            problems.add("HYGIENE_EXPIRY_WARNING must not be negative");
        }
        if (config.rotateAfter().isNegative() || config.rotateAfter().isZero()) {
            problems.add("HYGIENE_ROTATE_AFTER must be positive");
        }
        if (config.expiryScanLimit() < 0) {
            problems.add("HYGIENE_EXPIRY_SCAN_LIMIT must not be negative");
        }
        if (config.expiryScanReserve().isNegative()) {
            problems.add("HYGIENE_EXPIRY_SCAN_RESERVE must not be negative");
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

    public static StalePeriod staleAfter(HygieneConfig config, RegisteredCluster cluster) {
        return forCluster(config, cluster).staleAfter();
    }

    /** The cluster's registry entry's settings over the deployment's; throws {@link ConfigurationException}. */
    static ClusterDefaults forCluster(HygieneConfig config, RegisteredCluster cluster) {
        StalePeriod byDefault = check(config);
        List<String> problems = new ArrayList<>();
        String setting = "cluster '" + cluster.name() + "' ";
        StalePeriod staleAfter = cluster.staleAfter() == null
                ? byDefault
                : StalePeriod.parse(setting + "staleAfter", cluster.staleAfter(), problems);
        List<String> exclude = cluster.exclude() == null ? List.of() : cluster.exclude();
        List<String> patternProblems = new ArrayList<>();
        NamePatterns.of(config.autoCreatedNames(), exclude, patternProblems);
        patternProblems.forEach(problem -> problems.add(setting + problem));
        if (!problems.isEmpty()) {
            throw new ConfigurationException(String.join("; ", problems) + " (" + cluster.origin().registry() + ")");
        }
        return new ClusterDefaults(staleAfter, exclude);
    }
}
