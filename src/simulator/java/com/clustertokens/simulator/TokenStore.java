package com.clustertokens.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Tokens in creation order. Slots hold either an object or a synthetic index; every method is synchronized,
 * and listing goes slice by slice via {@link #scan} so a long response never holds the lock while it writes.
 */
final class TokenStore {

    private SimulatedToken[] objects = new SimulatedToken[16]; // a non-null entry overrides a synthetic slot
    private final List<SyntheticBatch> batches = new ArrayList<>();
    private final BitSet deleted = new BitSet();
    private final HashSlotIndex byId = new HashSlotIndex();
    private final HashSlotIndex bySecret = new HashSlotIndex();
    private int slots;
    private int live;
    // Bumped by every change except touch(), which moves only a caller's last use: see Stamp.
    private long version;
    private final Set<String> touched = new LinkedHashSet<>();

    /**
     * What a list query's result depends on: the store's version, and whether each token whose last use was
     * touched since matches the query. Equal stamps mean the same list body.
     */
    record Stamp(long version, Map<String, Boolean> touchedMatches) {
    }

    /** Adds the token, or replaces a live token with the same id in place (keeping its position). */
    synchronized SimulatedToken put(SimulatedToken token) {
        version++;
        int slot = slotOfId(token.id());
        if (slot >= 0) {
            SimulatedToken old = at(slot);
            objects[slot] = token;
            if (!old.secret().equals(token.secret())) {
                bySecret.put(token.secret(), slot);
            }
            return token;
        }
        slot = slots;
        ensureObjectCapacity(slot + 1);
        objects[slot] = token;
        byId.put(token.id(), slot);
        bySecret.put(token.secret(), slot);
        slots++;
        live++;
        return token;
    }

    synchronized void addSynthetic(int count, long seed, Instant now, IdForm idForm) {
        if (count <= 0) {
            return;
        }
        version++;
        SyntheticBatch batch = new SyntheticBatch(slots, count, seed, now.toEpochMilli(), idForm);
        ensureObjectCapacity(slots + count);
        byId.reserve(count);
        bySecret.reserve(count);
        for (int slot = batch.firstSlot(); slot < batch.firstSlot() + count; slot++) {
            SyntheticBatch.Identity identity = batch.identity(slot);
            byId.put(identity.id(), slot);
            bySecret.put(identity.secret(), slot);
        }
        batches.add(batch);
        slots += count;
        live += count;
    }

    synchronized Optional<SimulatedToken> byId(String id) {
        int slot = slotOfId(id);
        return slot < 0 ? Optional.empty() : Optional.of(at(slot));
    }

    synchronized Optional<SimulatedToken> bySecret(String secret) {
        int slot = bySecret.find(secret, s -> isLive(s) && at(s).secret().equals(secret));
        return slot < 0 ? Optional.empty() : Optional.of(at(slot));
    }

    /** Applies {@code change} to the live token with this id; empty when there is none. */
    synchronized Optional<SimulatedToken> update(String id, UnaryOperator<SimulatedToken> change) {
        int slot = slotOfId(id);
        if (slot < 0) {
            return Optional.empty();
        }
        SimulatedToken changed = change.apply(at(slot));
        if (!changed.id().equals(id)) {
            throw new IllegalArgumentException("an update must not change the token id");
        }
        objects[slot] = changed;
        version++;
        return Optional.of(changed);
    }

    /** Sets the last use of the live token with this id, as each authenticated call does to its caller. */
    synchronized Optional<SimulatedToken> touch(String id, Instant lastUse) {
        int slot = slotOfId(id);
        if (slot < 0) {
            return Optional.empty();
        }
        SimulatedToken changed = at(slot).withLastUse(lastUse);
        objects[slot] = changed;
        touched.add(id);
        return Optional.of(changed);
    }

    /** The stamp of a list query with this filter, taken now. */
    synchronized Stamp stamp(Predicate<SimulatedToken> filter) {
        Map<String, Boolean> matches = new HashMap<>();
        for (String id : touched) {
            int slot = slotOfId(id);
            matches.put(id, slot >= 0 && filter.test(at(slot)));
        }
        return new Stamp(version, matches);
    }

    synchronized boolean remove(String id) {
        int slot = slotOfId(id);
        if (slot < 0) {
            return false;
        }
        // Index entries stay behind; lookups skip deleted slots, which is cheaper than tombstoning the index.
        objects[slot] = null;
        deleted.set(slot);
        live--;
        version++;
        return true;
    }

    /**
     * Collects up to {@code maxMatches} live tokens accepted by {@code filter} from at most {@code maxSlots}
     * slots starting at {@code fromSlot}; returns the slot to continue from, or -1 when the store is exhausted.
     */
    synchronized int scan(int fromSlot, int maxSlots, Predicate<SimulatedToken> filter, int maxMatches,
            List<SimulatedToken> out) {
        int end = (int) Math.min(slots, (long) fromSlot + maxSlots);
        int slot = fromSlot;
        int found = 0;
        for (; slot < end && found < maxMatches; slot++) {
            if (!deleted.get(slot)) {
                SimulatedToken token = at(slot);
                if (filter.test(token)) {
                    out.add(token);
                    found++;
                }
            }
        }
        return slot >= slots ? -1 : slot;
    }

    /** Every live token accepted by {@code filter}, in store order. */
    synchronized List<SimulatedToken> matching(Predicate<SimulatedToken> filter) {
        List<SimulatedToken> out = new ArrayList<>();
        scan(0, slots, filter, Integer.MAX_VALUE, out);
        return out;
    }

    synchronized int size() {
        return live;
    }

    synchronized void clear() {
        objects = new SimulatedToken[16];
        batches.clear();
        deleted.clear();
        byId.clear();
        bySecret.clear();
        slots = 0;
        live = 0;
        touched.clear();
        version++;
    }

    private int slotOfId(String id) {
        return byId.find(id, s -> isLive(s) && at(s).id().equals(id));
    }

    private boolean isLive(int slot) {
        return slot < slots && !deleted.get(slot);
    }

    private SimulatedToken at(int slot) {
        SimulatedToken object = objects[slot];
        return object != null ? object : batchOf(slot).token(slot);
    }

    private SyntheticBatch batchOf(int slot) {
        int low = 0;
        int high = batches.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            SyntheticBatch batch = batches.get(mid);
            if (slot < batch.firstSlot()) {
                high = mid - 1;
            } else if (batch.contains(slot)) {
                return batch;
            } else {
                low = mid + 1;
            }
        }
        throw new IllegalStateException("slot " + slot + " is neither an object nor synthetic");
    }

    private void ensureObjectCapacity(int needed) {
        if (needed > objects.length) {
            objects = Arrays.copyOf(objects, Math.max(needed, objects.length * 2));
        }
    }
}
