package com.clustertokens.cluster;

import com.clustertokens.security.Secrets;

/** Body of {@code POST /tokens/lookup}: the secret whose metadata is wanted. */
public record TokenLookup(String token) {

    @Override
    public String toString() {
        return "TokenLookup[" + Secrets.identifier(token) + "]";
    }
}
