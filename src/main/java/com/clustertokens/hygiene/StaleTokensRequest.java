package com.clustertokens.hygiene;

import java.util.List;

import com.clustertokens.cluster.TokenScope;
import com.clustertokens.lambda.OutputFormat;
import com.clustertokens.lambda.Timestamp;

/**
 * Input of stale-tokens, every field optional: {@code cluster} (a registry name; required in a fleet),
 * {@code staleAfter} (a {@link com.clustertokens.hygiene.report.StalePeriod}) or an explicit {@code from}/{@code to}
 * window, {@code user}/{@code permissions} passed to the cluster, {@code exclude} name patterns, {@code now} to make
 * a run reproducible, {@code scheduledTime} (a schedule's time: the run's {@code now} and identity, so its retries
 * deliver only what failed), and {@code format} (json or text; the report always carries its summary).
 */
public record StaleTokensRequest(String cluster, String staleAfter, Timestamp from, Timestamp to, String user,
        List<TokenScope> permissions, List<String> exclude, Timestamp now, Timestamp scheduledTime,
        OutputFormat format) {

    static StaleTokensRequest empty() {
        return scheduled(null, null);
    }

    /** The request of a fleet run's step: {@code cluster}'s report of the run scheduled at {@code scheduledTime}. */
    public static StaleTokensRequest scheduled(String cluster, Timestamp scheduledTime) {
        return new StaleTokensRequest(cluster, null, null, null, null, null, null, null, scheduledTime, null);
    }
}
