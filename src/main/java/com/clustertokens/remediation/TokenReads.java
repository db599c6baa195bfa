package com.clustertokens.remediation;

import java.time.Instant;
import java.util.Objects;

import com.clustertokens.cluster.ClusterTokenClient;
import com.clustertokens.cluster.TokenMetadata;
import com.clustertokens.error.TokenNotFoundException;
import com.clustertokens.remediation.LedgerEntry.TokenState;

/** Reading a token right before acting on it, and comparing what was read with what was seen before. */
final class TokenReads {

    private TokenReads() {
    }

    /** The token's metadata, or null when the cluster no longer has it (404); other failures are thrown. */
    static TokenMetadata readOrNull(ClusterTokenClient cluster, String id) {
        try {
            return cluster.metadata(id);
        } catch (TokenNotFoundException gone) {
            return null;
        }
    }

    /** The metadata as the ledger keeps it. */
    static TokenState state(TokenMetadata m) {
        return new TokenState(m.name(), m.userId(), instant(m.lastUse()), instant(m.created()), instant(m.expires()),
                m.scopes(), m.revoked());
    }

    /**
     * Why the token read now is not the one seen before ({@code name}, {@code owner}, last use, expiry), or null
     * when it is the same: a token used or changed since is left alone.
     */
    static String changedSince(TokenMetadata now, String name, String owner, Instant lastUse, Instant expires,
            String since) {
        Instant usedNow = instant(now.lastUse());
        if (!Objects.equals(usedNow, lastUse)) {
            return "used since " + since + " (last use " + (lastUse == null ? "none" : lastUse) + ", now " + usedNow
                    + ")";
        }
        if (name != null && !name.equals(now.name())) {
            return "renamed since " + since + " (now " + now.name() + ")";
        }
        if (owner != null && !owner.equals(now.userId())) {
            return "owner changed since " + since;
        }
        if (expires != null && !expires.equals(instant(now.expires()))) {
            return "expiry changed since " + since;
        }
        return null;
    }

    static Instant instant(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis);
    }
}
