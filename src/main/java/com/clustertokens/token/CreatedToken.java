package com.clustertokens.token;

import java.time.Instant;

import com.clustertokens.security.Secrets;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What create-token returns: the {@code cluster} it was created in (its registry name), the source page's Token
 * shape ({@code token}, the secret, only when delivered by return), the identifier {@code dt0c01.<public>} that may be shown and logged, the token's name, where the secret
 * went ({@code delivery}, {@code secretArn}), the request's {@code idempotencyKey}, {@code repeated} (true: this
 * is the earlier result of the same request, nothing was created), the chat {@code summary} when asked for, and when
 * the token {@code expires} (the create's time plus its {@code expiresIn}, known without a read; absent when it never
 * expires, or for a result recorded before this field existed).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreatedToken(String cluster, String token, String identifier, String name, Delivery delivery,
        String secretArn, String idempotencyKey, Boolean repeated, String summary, Instant expires) {

    /** The same result with a summary (never holding the secret). */
    CreatedToken withSummary(String text) {
        return new CreatedToken(cluster, token, identifier, name, delivery, secretArn, idempotencyKey, repeated,
                text, expires);
    }

    /** The same result, naming its cluster. */
    CreatedToken inCluster(String name) {
        return new CreatedToken(name, token, identifier, this.name, delivery, secretArn, idempotencyKey, repeated,
                summary, expires);
    }

    @Override
    public String toString() {
        return "CreatedToken[identifier=" + (token != null ? Secrets.identifier(token) : identifier) + ", name=" + name
                + ", delivery=" + delivery + ", secretArn=" + secretArn + "]";
    }
}
