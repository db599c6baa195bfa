package com.clustertokens.simulator;

import java.util.UUID;

/** The form of the token ids a {@link SimulatedCluster} issues. */
public enum IdForm {
    /** Canonical lower-case random UUIDs, as the Cluster API documentation shows. */
    UUID,
    /** The token's identifier {@code dt0c01.<public part>}, as the environment API lists token ids. */
    DT0C01;

    /** A fresh id for a token holding {@code secret}. */
    String newId(String secret) {
        return this == DT0C01 ? TokenSecrets.identifier(secret) : java.util.UUID.randomUUID().toString();
    }

    /** A deterministic id for a token holding {@code secret}: a version-4 UUID made of these bits, or its identifier. */
    String derivedId(String secret, long high, long low) {
        return this == DT0C01
                ? TokenSecrets.identifier(secret)
                : new UUID((high & ~0xF000L) | 0x4000L, (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L)
                        .toString();
    }
}
