package com.clustertokens.simulator;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Validates create, update and lookup bodies the way the cluster's bean validation would. */
final class TokenBodies {

    /** A valid create body; {@code expires} is null when no {@code expiresIn} was given. */
    record Create(String name, List<String> scopes, Instant expires) {
    }

    /** A valid update body; null fields are left unchanged. */
    record Update(String name, List<String> scopes, Boolean revoked) {

        SimulatedToken applyTo(SimulatedToken token) {
            SimulatedToken changed = token;
            if (name != null) {
                changed = changed.withName(name);
            }
            if (scopes != null) {
                changed = changed.withScopes(scopes);
            }
            if (revoked != null) {
                changed = changed.withRevoked(revoked);
            }
            return changed;
        }
    }

    private static final Map<String, ChronoUnit> UNITS = Map.of(
            "DAYS", ChronoUnit.DAYS, "HOURS", ChronoUnit.HOURS, "MILLIS", ChronoUnit.MILLIS,
            "MINUTES", ChronoUnit.MINUTES, "SECONDS", ChronoUnit.SECONDS);
    private static final String UNIT_NAMES = "DAYS, HOURS, MILLIS, MINUTES, SECONDS";

    private TokenBodies() {
    }

    static Create create(ObjectNode body, Instant now) {
        List<ApiError.Violation> violations = new ArrayList<>();
        rejectUnknown(body, "", Set.of("name", "scopes", "expiresIn"), violations);
        String name = name(body.get("name"), true, violations);
        List<String> scopes = scopes(body.get("scopes"), true, violations);
        Instant expires = expires(body.get("expiresIn"), now, violations);
        throwIfAny(violations);
        return new Create(name, scopes, expires);
    }

    static Update update(ObjectNode body) {
        List<ApiError.Violation> violations = new ArrayList<>();
        rejectUnknown(body, "", Set.of("name", "scopes", "revoked"), violations);
        String name = name(body.get("name"), false, violations);
        List<String> scopes = scopes(body.get("scopes"), false, violations);
        Boolean revoked = null;
        JsonNode revokedNode = body.get("revoked");
        if (present(revokedNode)) {
            if (revokedNode.isBoolean()) {
                revoked = revokedNode.booleanValue();
            } else {
                violations.add(ApiError.Violation.body("revoked", "must be a boolean"));
            }
        }
        throwIfAny(violations);
        return new Update(name, scopes, revoked);
    }

    /** The secret to look up; violation messages never repeat the submitted value. */
    static String lookup(ObjectNode body) {
        List<ApiError.Violation> violations = new ArrayList<>();
        rejectUnknown(body, "", Set.of("token"), violations);
        JsonNode node = body.get("token");
        String token = null;
        if (!present(node)) {
            violations.add(ApiError.Violation.body("token", "must not be null"));
        } else if (!node.isTextual()) {
            violations.add(ApiError.Violation.body("token", "must be a string"));
        } else if (node.textValue().isBlank()) {
            violations.add(ApiError.Violation.body("token", "must not be blank"));
        } else {
            token = node.textValue();
        }
        throwIfAny(violations);
        return token;
    }

    private static String name(JsonNode node, boolean required, List<ApiError.Violation> violations) {
        if (!present(node)) {
            if (required) {
                violations.add(ApiError.Violation.body("name", "must not be null"));
            }
            return null;
        }
        if (!node.isTextual()) {
            violations.add(ApiError.Violation.body("name", "must be a string"));
            return null;
        }
        if (node.textValue().isBlank()) {
            violations.add(ApiError.Violation.body("name", "must not be blank"));
            return null;
        }
        return node.textValue();
    }

    private static List<String> scopes(JsonNode node, boolean required, List<ApiError.Violation> violations) {
        if (!present(node)) {
            if (required) {
                violations.add(ApiError.Violation.body("scopes", "must not be null"));
            }
            return null;
        }
        if (!node.isArray()) {
            violations.add(ApiError.Violation.body("scopes", "must be an array of scope names"));
            return null;
        }
        if (node.isEmpty()) {
            violations.add(ApiError.Violation.body("scopes", "must not be empty"));
            return null;
        }
        Set<String> scopes = new LinkedHashSet<>();
        int before = violations.size();
        for (int i = 0; i < node.size(); i++) {
            JsonNode scope = node.get(i);
            if (!scope.isTextual()) {
                violations.add(ApiError.Violation.body("scopes[" + i + "]", "must be a string"));
            } else if (!Scopes.isKnown(scope.textValue())) {
                violations.add(ApiError.Violation.body("scopes[" + i + "]",
                        "unknown scope '" + scope.textValue() + "'; allowed: " + String.join(", ", Scopes.ALL)));
            } else {
                scopes.add(scope.textValue()); // a repeated scope is granted once, not rejected
            }
        }
        return violations.size() == before ? List.copyOf(scopes) : null;
    }

    private static Instant expires(JsonNode node, Instant now, List<ApiError.Violation> violations) {
        if (!present(node)) {
            return null;
        }
        if (!node.isObject()) {
            violations.add(ApiError.Violation.body("expiresIn", "must be an object with value and unit"));
            return null;
        }
        rejectUnknown((ObjectNode) node, "expiresIn.", Set.of("value", "unit"), violations);
        JsonNode valueNode = node.get("value");
        JsonNode unitNode = node.get("unit");
        long value = 0;
        if (!present(valueNode)) {
            violations.add(ApiError.Violation.body("expiresIn.value", "must not be null"));
        } else if (!valueNode.isIntegralNumber() || !valueNode.canConvertToLong()) {
            violations.add(ApiError.Violation.body("expiresIn.value", "must be an integer"));
        } else if (valueNode.longValue() <= 0) {
            violations.add(ApiError.Violation.body("expiresIn.value", "must be greater than 0"));
        } else {
            value = valueNode.longValue();
        }
        ChronoUnit unit = ChronoUnit.MILLIS; // documented default when unit is absent
        if (present(unitNode)) {
            unit = unitNode.isTextual() ? UNITS.get(unitNode.textValue()) : null;
            if (unit == null) {
                violations.add(ApiError.Violation.body("expiresIn.unit", "must be one of " + UNIT_NAMES));
            }
        }
        if (value <= 0 || unit == null) {
            return null;
        }
        try {
            return now.plus(Duration.of(value, unit));
        } catch (ArithmeticException | DateTimeException e) {
            violations.add(ApiError.Violation.body("expiresIn.value", "is too large"));
            return null;
        }
    }

    private static void rejectUnknown(ObjectNode body, String prefix, Set<String> known,
            List<ApiError.Violation> violations) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String field = names.next();
            if (!known.contains(field)) {
                violations.add(ApiError.Violation.body(prefix + field, "unknown property"));
            }
        }
    }

    // JSON null is treated like an absent field, as Jackson does when binding to a DTO.
    private static boolean present(JsonNode node) {
        return node != null && !node.isNull();
    }

    private static void throwIfAny(List<ApiError.Violation> violations) {
        if (!violations.isEmpty()) {
            throw ApiError.constraints(violations);
        }
    }
}
