package com.clustertokens.token;

import java.util.List;

import com.clustertokens.cluster.TokenStub;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What list-tokens returns: the {@code cluster} listed (its registry name), the API's list shape, {@code values},
 * plus {@code totalCount} (entries the cluster returned), {@code truncated}, true when the entries did not all fit in
 * a Lambda response, {@code mayBeIncomplete}, true when the cluster returned exactly its limit (the request's
 * {@code limit}, or the cluster's default of 1000), so it may hold more, and the chat {@code summary} when asked for.
 */
public record TokenList(@JsonInclude(JsonInclude.Include.NON_NULL) String cluster, List<TokenStub> values,
        long totalCount, boolean truncated, boolean mayBeIncomplete,
        @JsonInclude(JsonInclude.Include.NON_NULL) String summary) {

    TokenList withSummary(String text) {
        return new TokenList(cluster, values, totalCount, truncated, mayBeIncomplete, text);
    }

    TokenList inCluster(String name) {
        return new TokenList(name, values, totalCount, truncated, mayBeIncomplete, summary);
    }
}
