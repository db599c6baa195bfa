package com.clustertokens.token;

import com.clustertokens.cluster.CreateToken;
import com.clustertokens.infra.RequiresEnvironment;
import com.clustertokens.invocation.Invocation;
import com.clustertokens.json.RequestReader;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.funqy.Funq;

/** Funqy entry point {@code create-token}: input is the API's CreateToken body. */
@Invocation
@RequiresEnvironment({ "DT_CLUSTER_URL", "DT_API_TOKEN_SECRET_ARN" })
public class CreateTokenFunction {

    private final TokenService tokens;
    private final RequestReader requests;

    public CreateTokenFunction(TokenService tokens, RequestReader requests) {
        this.tokens = tokens;
        this.requests = requests;
    }

    @Funq("create-token")
    public CreatedToken createToken(JsonNode input) {
        return tokens.create(requests.read(input, CreateToken.class));
    }
}
