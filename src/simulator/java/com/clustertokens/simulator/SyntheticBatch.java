package com.clustertokens.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A run of store slots whose tokens are derived from (seed, index) on demand instead of being kept as objects:
 * this is what lets a million tokens fit in a few dozen megabytes.
 */
record SyntheticBatch(int firstSlot, int count, long seed, long nowMillis, IdForm idForm) {

    private static final String[] NAME_PREFIXES = {
            "ci-deploy", "backup-job", "diagnostic-export", "installer", "synthetic-monitor", "nodekeeper",
            "settings-sync", "token-rotation"
    };
    private static final String[] USERS = {"alice", "bob", "carol", "dave", "erin", "pete", "svc-ci", "svc-backup"};
    private static final long DAY_MS = Duration.ofDays(1).toMillis();

    boolean contains(int slot) {
        return slot >= firstSlot && slot < firstSlot + count;
    }

    /** The id and secret of a slot: all that indexing needs, without deriving the other attributes. */
    record Identity(String id, String secret) {
    }

    Identity identity(int slot) {
        SplittableRandom random = new SplittableRandom(mix(seed ^ ((slot - firstSlot) * 0x9E3779B97F4A7C15L)));
        // Drawn in this order whatever the form, so that both forms give the same secrets and UUID ids stay put.
        long high = random.nextLong();
        long low = random.nextLong();
        String secret = TokenSecrets.generate(random);
        return new Identity(idForm.derivedId(secret, high, low), secret);
    }

    SimulatedToken token(int slot) {
        int index = slot - firstSlot;
        Identity identity = identity(slot);
        SplittableRandom random = new SplittableRandom(mix(~seed ^ (index * 0xC2B2AE3D27D4EB4FL)));
        String name = NAME_PREFIXES[random.nextInt(NAME_PREFIXES.length)] + "-" + index;
        String description = random.nextInt(4) == 0 ? "Synthetic token #" + index : null;
        String userId = USERS[random.nextInt(USERS.length)];
        List<String> scopes = randomScopes(random);
        long created = nowMillis - 1 - random.nextLong(730 * DAY_MS);
        Instant expires = random.nextInt(10) < 3
                ? Instant.ofEpochMilli(created + (30 + random.nextLong(335)) * DAY_MS)
                : null;
        Instant lastUse = random.nextInt(5) == 0
                ? null
                : Instant.ofEpochMilli(created + 1 + random.nextLong(nowMillis - created));
        boolean revoked = random.nextInt(20) == 0;
        return new SimulatedToken(identity.id(), name, description, userId, scopes, Instant.ofEpochMilli(created),
                expires, lastUse, revoked, false, identity.secret());
    }

    private static List<String> randomScopes(SplittableRandom random) {
        int mask = 0;
        for (int n = 1 + random.nextInt(3); Integer.bitCount(mask) < n;) {
            mask |= 1 << random.nextInt(Scopes.ALL.size());
        }
        List<String> scopes = new ArrayList<>(Integer.bitCount(mask));
        for (int i = 0; i < Scopes.ALL.size(); i++) {
            if ((mask & (1 << i)) != 0) {
                scopes.add(Scopes.ALL.get(i));
            }
        }
        return scopes;
    }

    // SplittableRandom seeds of neighbouring indexes would otherwise start on overlapping streams.
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
