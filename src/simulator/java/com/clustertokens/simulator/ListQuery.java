package com.clustertokens.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The validated query of a list call. A token matches when it passes every given filter.
 *
 * <p>{@code from}/{@code to} compare {@code lastUse} strictly (after / before). A never-used token matches
 * neither: Dynatrace's docs are silent on this, and "last used after X" is hard to claim for something never
 * used, so the simulator picks the strict reading; code under test must not rely on either behaviour.
 */
record ListQuery(int limit, String user, List<String> permissions, Long from, Long to) {

    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 1_000_000;

    static ListQuery parse(Map<String, List<String>> query) {
        List<ApiError.Violation> violations = new ArrayList<>();
        Long limit = number(query, "limit", violations);
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            violations.add(ApiError.Violation.query("limit",
                    limit < 1 ? "must be greater than or equal to 1" : "must be less than or equal to " + MAX_LIMIT));
        }
        List<String> permissions = query.getOrDefault("permissions", List.of());
        for (int i = 0; i < permissions.size(); i++) {
            if (!Scopes.isKnown(permissions.get(i))) {
                violations.add(ApiError.Violation.query("permissions[" + i + "]",
                        "unknown scope '" + permissions.get(i) + "'; allowed: " + String.join(", ", Scopes.ALL)));
            }
        }
        Long from = number(query, "from", violations);
        Long to = number(query, "to", violations);
        if (!violations.isEmpty()) {
            throw ApiError.constraints(violations);
        }
        List<String> user = query.get("user");
        return new ListQuery(limit == null ? DEFAULT_LIMIT : limit.intValue(),
                user == null || user.isEmpty() ? null : user.get(0), List.copyOf(permissions), from, to);
    }

    boolean matches(SimulatedToken token) {
        if (user != null && !user.equals(token.userId())) {
            return false;
        }
        if (!permissions.isEmpty() && !token.hasAllScopes(permissions)) {
            return false;
        }
        if (from == null && to == null) {
            return true;
        }
        if (token.lastUse() == null) {
            return false;
        }
        long lastUse = token.lastUse().toEpochMilli();
        return (from == null || lastUse > from) && (to == null || lastUse < to);
    }

    // Repeated single-valued parameters: the first one wins, as with most JAX-RS @QueryParam bindings.
    private static Long number(Map<String, List<String>> query, String name, List<ApiError.Violation> violations) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(values.get(0).trim());
        } catch (NumberFormatException e) {
            violations.add(ApiError.Violation.query(name, "must be an integer"));
            return null;
        }
    }
}
