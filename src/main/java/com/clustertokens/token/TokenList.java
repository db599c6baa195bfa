package com.clustertokens.token;

import java.util.List;

import com.clustertokens.cluster.TokenStub;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What list-tokens returns: the API's list shape, {@code values}, plus {@code totalCount} (entries the cluster
 * returned), {@code truncated}, true when the entries did not all fit in a Lambda response, and the chat
 * {@code summary} when asked for ({@code format: text}).
 */
public record TokenList(List<TokenStub> values, long totalCount, boolean truncated,
        @JsonInclude(JsonInclude.Include.NON_NULL) String summary) {

    TokenList withSummary(String text) {
        return new TokenList(values, totalCount, truncated, text);
    }
}
