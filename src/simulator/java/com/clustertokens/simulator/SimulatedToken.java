package com.clustertokens.simulator;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/** One cluster token as the simulator stores it; {@link #toString()} never reveals the secret. */
public record SimulatedToken(
        String id,
        String name,
        String description,
        String userId,
        List<String> scopes,
        Instant created,
        Instant expires,
        Instant lastUse,
        boolean revoked,
        boolean personalAccessToken,
        String secret) {

    public SimulatedToken {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(secret, "secret");
        scopes = List.copyOf(scopes);
        // The wire carries epoch milliseconds: truncating here keeps what is stored equal to what is served.
        created = millis(created);
        expires = millis(expires);
        lastUse = millis(lastUse);
    }

    private static Instant millis(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    }

    public SimulatedToken withName(String newName) {
        return new SimulatedToken(id, newName, description, userId, scopes, created, expires, lastUse, revoked,
                personalAccessToken, secret);
    }

    public SimulatedToken withScopes(List<String> newScopes) {
        return new SimulatedToken(id, name, description, userId, newScopes, created, expires, lastUse, revoked,
                personalAccessToken, secret);
    }

    public SimulatedToken withRevoked(boolean newRevoked) {
        return new SimulatedToken(id, name, description, userId, scopes, created, expires, lastUse, newRevoked,
                personalAccessToken, secret);
    }

    public SimulatedToken withLastUse(Instant newLastUse) {
        return new SimulatedToken(id, name, description, userId, scopes, created, expires, newLastUse, revoked,
                personalAccessToken, secret);
    }

    public boolean hasAllScopes(Collection<String> required) {
        return scopes.containsAll(required);
    }

    public boolean isExpiredAt(Instant now) {
        return expires != null && !expires.isAfter(now);
    }

    /** The loggable form {@code dt0c01.<public>} of the secret ({@code ***} for opaque secrets). */
    public String secretIdentifier() {
        return TokenSecrets.identifier(secret);
    }

    @Override
    public String toString() {
        return "SimulatedToken[id=" + id + ", name=" + name + ", description=" + description + ", userId=" + userId
                + ", scopes=" + scopes + ", created=" + created + ", expires=" + expires + ", lastUse=" + lastUse
                + ", revoked=" + revoked + ", personalAccessToken=" + personalAccessToken
                + ", secret=" + secretIdentifier() + "]";
    }
}
