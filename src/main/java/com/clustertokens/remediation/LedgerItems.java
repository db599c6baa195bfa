package com.clustertokens.remediation;

import static com.clustertokens.aws.DynamoAttributes.instant;
import static com.clustertokens.aws.DynamoAttributes.n;
import static com.clustertokens.aws.DynamoAttributes.number;
import static com.clustertokens.aws.DynamoAttributes.put;
import static com.clustertokens.aws.DynamoAttributes.s;
import static com.clustertokens.aws.DynamoAttributes.text;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.clustertokens.error.WireName;
import com.clustertokens.remediation.LedgerEntry.Action;
import com.clustertokens.remediation.LedgerEntry.Event;
import com.clustertokens.remediation.LedgerEntry.Outcome;
import com.clustertokens.remediation.LedgerEntry.Release;
import com.clustertokens.remediation.LedgerEntry.Status;
import com.clustertokens.remediation.LedgerEntry.TokenState;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A {@link LedgerEntry} as a DynamoDB item and back; times are epoch milliseconds, as the Cluster API gives them. */
final class LedgerItems {

    static final String CLUSTER = "cluster";
    static final String TOKEN_ID = "tokenId";
    static final String VERSION = "version";
    static final String EXPIRES_AT = "expiresAt";

    private LedgerItems() {
    }

    static Map<String, AttributeValue> key(String cluster, String tokenId) {
        return Map.of(CLUSTER, s(cluster), TOKEN_ID, s(tokenId));
    }

    /** The item of {@code entry}; a deleted token's item expires {@code keepDeleted} after its last event. */
    static Map<String, AttributeValue> item(LedgerEntry entry, Duration keepDeleted) {
        Map<String, AttributeValue> item = new HashMap<>(key(entry.cluster(), entry.tokenId()));
        put(item, "name", entry.name());
        put(item, "owner", entry.owner());
        item.put("status", s(entry.status().name()));
        if (entry.pending() != null) {
            item.put("pending", s(entry.pending().name()));
        }
        put(item, "pendingAt", entry.pendingAt());
        put(item, "pendingRun", entry.pendingRun());
        put(item, "revokedAt", entry.revokedAt());
        put(item, "revokedRun", entry.revokedRun());
        put(item, "holdUntil", entry.holdUntil());
        if (entry.before() != null) {
            item.put("before", AttributeValue.fromM(state(entry.before())));
        }
        if (entry.released() != null) {
            item.put("released", AttributeValue.fromM(release(entry.released())));
        }
        item.put("history", AttributeValue.fromL(entry.history().stream()
                .map(e -> AttributeValue.fromM(event(e))).toList()));
        item.put(VERSION, n(entry.version()));
        if (entry.status() == Status.DELETED && !entry.history().isEmpty()) {
            Event last = entry.history().get(entry.history().size() - 1);
            item.put(EXPIRES_AT, n(last.at().plus(keepDeleted).getEpochSecond()));
        }
        return item;
    }

    static LedgerEntry entry(Map<String, AttributeValue> item) {
        String pending = text(item, "pending");
        AttributeValue before = item.get("before");
        AttributeValue released = item.get("released");
        AttributeValue history = item.get("history");
        return new LedgerEntry(text(item, CLUSTER), text(item, TOKEN_ID), text(item, "name"), text(item, "owner"),
                Status.valueOf(text(item, "status")), pending == null ? null : Action.valueOf(pending),
                instant(item, "pendingAt"), text(item, "pendingRun"), instant(item, "revokedAt"),
                text(item, "revokedRun"), instant(item, "holdUntil"),
                before == null || !before.hasM() ? null : state(before.m()),
                released == null || !released.hasM() ? null : release(released.m()),
                history == null || !history.hasL()
                        ? List.of()
                        : history.l().stream()
                                .map(e -> event(e.m())).toList(),
                number(item, VERSION));
    }

    private static Map<String, AttributeValue> state(TokenState state) {
        Map<String, AttributeValue> m = new HashMap<>();
        put(m, "name", state.name());
        put(m, "owner", state.owner());
        put(m, "lastUse", state.lastUse());
        put(m, "created", state.created());
        put(m, "expires", state.expires());
        if (state.scopes() != null) {
            m.put("scopes", AttributeValue.fromL(state.scopes().stream().map(AttributeValue::fromS).toList()));
        }
        m.put("revoked", AttributeValue.fromBool(state.revoked()));
        return m;
    }

    private static TokenState state(Map<String, AttributeValue> m) {
        AttributeValue scopes = m.get("scopes");
        AttributeValue revoked = m.get("revoked");
        return new TokenState(text(m, "name"), text(m, "owner"), instant(m, "lastUse"), instant(m, "created"),
                instant(m, "expires"), scopes == null || !scopes.hasL()
                        ? null
                        : scopes.l().stream().map(AttributeValue::s).toList(),
                revoked != null && Boolean.TRUE.equals(revoked.bool()));
    }

    private static Map<String, AttributeValue> release(Release release) {
        Map<String, AttributeValue> m = new HashMap<>();
        put(m, "at", release.at());
        put(m, "lastUse", release.lastUse());
        m.put("revoked", AttributeValue.fromBool(release.revoked()));
        put(m, "why", release.why());
        return m;
    }

    private static Release release(Map<String, AttributeValue> m) {
        AttributeValue revoked = m.get("revoked");
        return new Release(instant(m, "at"), instant(m, "lastUse"), revoked != null && Boolean.TRUE.equals(
                revoked.bool()), text(m, "why"));
    }

    private static Map<String, AttributeValue> event(Event event) {
        Map<String, AttributeValue> m = new HashMap<>();
        put(m, "at", event.at());
        put(m, "run", event.run());
        put(m, "action", event.action() == null ? null : event.action().wire());
        put(m, "outcome", event.outcome() == null ? null : event.outcome().wire());
        put(m, "reason", event.reason());
        return m;
    }

    private static Event event(Map<String, AttributeValue> m) {
        return new Event(instant(m, "at"), text(m, "run"), WireName.find(Action.class, text(m, "action")),
                WireName.find(Outcome.class, text(m, "outcome")), text(m, "reason"));
    }
}
