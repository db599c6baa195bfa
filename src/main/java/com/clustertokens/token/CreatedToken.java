package com.clustertokens.token;

import com.clustertokens.security.Secrets;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What create-token returns: the source page's Token shape ({@code token}, the secret) plus the identifier
 * {@code dt0c01.<public>} that may be shown and logged, and the token's name.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreatedToken(String token, String identifier, String name) {

    @Override
    public String toString() {
        return "CreatedToken[identifier=" + Secrets.identifier(token) + ", name=" + name + "]";
    }
}
