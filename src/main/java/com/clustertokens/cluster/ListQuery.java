package com.clustertokens.cluster;

import java.util.List;

/** Filters of {@code GET /tokens}; null means "not sent". {@code from}/{@code to} are epoch milliseconds. */
public record ListQuery(Integer limit, String user, List<TokenScope> permissions, Long from, Long to) {

    /** The largest {@code limit} the API accepts. */
    public static final int MAX_LIMIT = 1_000_000;

    /** The {@code limit} the cluster applies when none is sent. */
    public static final int DEFAULT_LIMIT = 1000;

    public ListQuery {
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
    }

    public static ListQuery all() {
        return new ListQuery(MAX_LIMIT, null, List.of(), null, null);
    }

    public ListQuery withFrom(Long newFrom) {
        return new ListQuery(limit, user, permissions, newFrom, to);
    }

    public ListQuery withTo(Long newTo) {
        return new ListQuery(limit, user, permissions, from, newTo);
    }

    public int effectiveLimit() {
        return limit == null ? DEFAULT_LIMIT : limit;
    }
}
