package com.clustertokens.rotation;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.clustertokens.cluster.ExpiresIn;
import com.clustertokens.cluster.TokenMetadata;
import com.clustertokens.cluster.TokenScope;
import com.clustertokens.error.SecretRotationFailedException;

/** What a replacement takes from the token it replaces (scopes, lifetime), and what proves it fit to replace it. */
final class SecretRotationTokens {

    private SecretRotationTokens() {
    }

    static List<TokenScope> scopes(TokenMetadata old, String secret) {
        try {
            return old.scopes().stream().map(TokenScope::of).toList();
        } catch (IllegalArgumentException e) {
            throw new SecretRotationFailedException("createSecret: token " + old.id() + " of secret " + secret
                    + " holds a scope this version cannot grant (" + e.getMessage() + "); AWSCURRENT is unchanged");
        }
    }

    /** The old token's lifetime, in the largest unit that states it exactly; none when it never expires. */
    static ExpiresIn lifetime(TokenMetadata old) {
        if (old.expires() == null || old.created() == null || old.expires() <= old.created()) {
            return null;
        }
        long millis = old.expires() - old.created();
        for (ExpiresIn.Unit unit : List.of(ExpiresIn.Unit.DAYS, ExpiresIn.Unit.HOURS, ExpiresIn.Unit.MINUTES,
                ExpiresIn.Unit.SECONDS)) {
            long size = TimeUnit.valueOf(unit.name()).toMillis(1);
            if (millis % size == 0) {
                return new ExpiresIn(millis / size, unit);
            }
        }
        return new ExpiresIn(millis, ExpiresIn.Unit.MILLIS);
    }

    /** Why {@code replacement} cannot take {@code old}'s place (live, not revoked, the same scopes), or null. */
    static String problem(TokenMetadata replacement, TokenMetadata old, Instant now) {
        if (replacement.revoked()) {
            return "is revoked";
        }
        if (replacement.expires() != null && replacement.expires() <= now.toEpochMilli()) {
            return "has expired";
        }
        if (!new HashSet<>(replacement.scopes()).equals(new HashSet<>(old.scopes()))) {
            return "has scopes " + replacement.scopes() + ", not those of token " + old.id() + " " + old.scopes();
        }
        return null;
    }
}
