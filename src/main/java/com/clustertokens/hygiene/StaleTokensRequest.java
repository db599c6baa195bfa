package com.clustertokens.hygiene;

import java.util.List;

import com.clustertokens.cluster.TokenScope;
import com.clustertokens.json.Timestamp;

/**
 * Input of stale-tokens, every field optional: {@code staleAfter} (ISO-8601 duration) or an explicit
 * {@code from}/{@code to} window, {@code user}/{@code permissions} passed to the cluster, {@code exclude} name
 * patterns, and {@code now} to make a run reproducible.
 */
public record StaleTokensRequest(String staleAfter, Timestamp from, Timestamp to, String user,
        List<TokenScope> permissions, List<String> exclude, Timestamp now) {

    static StaleTokensRequest empty() {
        return new StaleTokensRequest(null, null, null, null, null, null, null);
    }
}
