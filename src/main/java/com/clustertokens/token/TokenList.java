package com.clustertokens.token;

import java.util.List;

import com.clustertokens.cluster.TokenStub;

/**
 * What list-tokens returns: the API's list shape, {@code values}, plus {@code totalCount} (entries the cluster
 * returned) and {@code truncated}, true when the entries did not all fit in a Lambda response.
 */
public record TokenList(List<TokenStub> values, long totalCount, boolean truncated) {
}
