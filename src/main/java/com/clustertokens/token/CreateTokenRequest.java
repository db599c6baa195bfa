package com.clustertokens.token;

import java.util.List;

import com.clustertokens.cluster.CreateToken;
import com.clustertokens.cluster.ExpiresIn;
import com.clustertokens.cluster.TokenScope;
import com.clustertokens.lambda.OutputFormat;

/**
 * Input of create-token: the API's CreateToken body ({@code name}, {@code scopes}, {@code expiresIn}) plus, all
 * optional, {@code idempotencyKey}, {@code requester}, {@code delivery} and {@code format}.
 */
public record CreateTokenRequest(String cluster, String name, List<TokenScope> scopes, ExpiresIn expiresIn,
        String idempotencyKey, String requester, Delivery delivery, OutputFormat format) {

    /** The body sent to the cluster: only the API's own fields. */
    public CreateToken body() {
        return new CreateToken(name, scopes, expiresIn);
    }
}
