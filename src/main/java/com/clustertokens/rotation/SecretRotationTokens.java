package com.clustertokens.rotation;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;

import com.clustertokens.cluster.TokenMetadata;
import com.clustertokens.cluster.TokenScope;
import com.clustertokens.error.SecretRotationFailedException;

/** The scopes a replacement takes from the token it replaces, and what proves it fit to replace it. */
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
