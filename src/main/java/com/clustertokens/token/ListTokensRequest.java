package com.clustertokens.token;

import java.util.List;

import com.clustertokens.cluster.TokenScope;
import com.clustertokens.lambda.OutputFormat;
import com.clustertokens.lambda.Timestamp;

/**
 * Input of list-tokens; every field optional. {@code from}/{@code to}: epoch ms or ISO-8601 instants;
 * {@code format}: json (default) or text (adds a chat summary).
 */
public record ListTokensRequest(String cluster, Integer limit, String user, List<TokenScope> permissions,
        Timestamp from, Timestamp to, OutputFormat format) {
}
