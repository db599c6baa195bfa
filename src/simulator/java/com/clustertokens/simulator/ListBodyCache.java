package com.clustertokens.simulator;

import java.util.HashMap;
import java.util.Map;

/**
 * Rendered list bodies, reused while the store's {@link TokenStore.Stamp} for the query is unchanged. Off by
 * default; the benchmark turns it on so that it times the client reading a list, not the simulator deriving a
 * million synthetic tokens for every request. Holds at most {@code maxBytes}; when full, it starts afresh.
 */
final class ListBodyCache {

    private record Entry(TokenStore.Stamp stamp, byte[] body) {
    }

    private final long maxBytes;
    private final Map<ListQuery, Entry> entries = new HashMap<>();
    private long bytes;

    ListBodyCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The body rendered for {@code query} under {@code stamp}; null if there is none. */
    synchronized byte[] get(ListQuery query, TokenStore.Stamp stamp) {
        Entry entry = entries.get(query);
        return entry != null && entry.stamp().equals(stamp) ? entry.body() : null;
    }

    synchronized void put(ListQuery query, TokenStore.Stamp stamp, byte[] body) {
        if (body.length > maxBytes) {
            return;
        }
        Entry old = entries.remove(query);
        if (old != null) {
            bytes -= old.body().length;
        }
        if (bytes + body.length > maxBytes) {
            entries.clear();
            bytes = 0;
        }
        entries.put(query, new Entry(stamp, body));
        bytes += body.length;
    }
}
