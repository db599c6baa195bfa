package com.clustertokens.hygiene.report;

import java.util.LinkedHashMap;
import java.util.Map;

import com.clustertokens.logging.EmbeddedMetrics;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The counts as one line of CloudWatch Embedded Metric Format ({@link EmbeddedMetrics}), by cluster. */
public final class HygieneMetrics {

    static final String NAMESPACE = "ClusterTokenHygiene";

    private HygieneMetrics() {
    }

    /** The EMF line; {@code timestampMillis} is when the run happened (CloudWatch refuses old timestamps). */
    public static String line(ObjectMapper mapper, String cluster, HygieneReport.Counts counts, long timestampMillis) {
        return line(mapper, cluster, counts, null, timestampMillis);
    }

    /** The same with the expiry scan's counts ({@code expiry} null: not taken, no such metrics). */
    public static String line(ObjectMapper mapper, String cluster, HygieneReport.Counts counts,
            HygieneReport.Expiry expiry, long timestampMillis) {
        Map<String, Long> values = new LinkedHashMap<>();
        values.put("TotalTokens", counts.total());
        // Stale as the report and the summary count it: dormant and never used, past the cutoff.
        values.put("StaleTokens", counts.dormant() + counts.noRecordedUse());
        values.put("ActiveTokens", counts.active());
        values.put("DormantTokens", counts.dormant());
        values.put("NoRecordedUseTokens", counts.noRecordedUse());
        values.put("NewUnusedTokens", counts.newUnused());
        values.put("UnverifiedTokens", counts.unverified());
        values.put("ExcludedTokens", counts.excluded());
        values.put("RevokedTokens", counts.revoked());
        values.put("ExpiringTokens", counts.expiring());
        if (expiry != null) {
            values.put("ExpiringInUseTokens", expiry.expiringInUseCount());
            values.put("ExpiredTokens", expiry.expiredCount());
            values.put("NeverExpiringTokens", expiry.neverExpires());
            values.put("RotationDueTokens", expiry.rotationDueCount());
            values.put("ExpiryNotReadTokens", expiry.notRead());
        }
        return EmbeddedMetrics.line(mapper, NAMESPACE, Map.of("Cluster", cluster), values, timestampMillis);
    }
}
