package com.clustertokens.token;

import com.clustertokens.lambda.Invocation;
import com.clustertokens.lambda.RequestReader;
import com.clustertokens.lambda.RequiresEnvironment;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.funqy.Funq;

/** Funqy entry point {@code list-tokens}: optional limit, user, permissions, from, to. */
@Invocation
@RequiresEnvironment({"DT_CLUSTER_URL", "DT_API_TOKEN_SECRET_ARN"})
public class ListTokensFunction {

    private final TokenService tokens;
    private final RequestReader requests;

    public ListTokensFunction(TokenService tokens, RequestReader requests) {
        this.tokens = tokens;
        this.requests = requests;
    }

    @Funq("list-tokens")
    public TokenList listTokens(JsonNode input) {
        return tokens.list(requests.read(input, ListTokensRequest.class));
    }
}
