package com.clustertokens.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.clustertokens.remediation.LedgerEntry.Action;
import com.clustertokens.remediation.LedgerEntry.Event;
import com.clustertokens.remediation.LedgerEntry.Outcome;
import com.clustertokens.remediation.LedgerEntry.Release;
import com.clustertokens.remediation.LedgerEntry.Status;
import com.clustertokens.remediation.LedgerEntry.TokenState;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The ledger's items keep the form deployed tables already hold: times as epoch milliseconds, nulls left out. */
class LedgerItemsTest {

    private static final Instant AT = Instant.parse("2026-11-30T03:00:00.123Z");

    private static final LedgerEntry ENTRY = new LedgerEntry("c01", "t1", "old-job", "bob", Status.UNKNOWN,
            Action.REVOKE, AT, "run-2", AT.minusSeconds(60), "run-1", null,
            new TokenState("old-job", "bob", AT.minusSeconds(9000), AT.minusSeconds(99000), null,
                    List.of("DiagnosticExport"), false),
            new Release(AT.minusSeconds(30), null, true, "used again"),
            List.of(new Event(AT, "run-2", Action.REVOKE, Outcome.STARTED, "not used since")), 3);

    /** The item as the table holds it (the one difference from before: {@code pending} by its wire name). */
    private static Map<String, AttributeValue> stored() {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("cluster", s("c01"));
        item.put("tokenId", s("t1"));
        item.put("name", s("old-job"));
        item.put("owner", s("bob"));
        item.put("status", s("UNKNOWN"));
        item.put("pending", s("revoke"));
        item.put("pendingAt", n(AT.toEpochMilli()));
        item.put("pendingRun", s("run-2"));
        item.put("revokedAt", n(AT.minusSeconds(60).toEpochMilli()));
        item.put("revokedRun", s("run-1"));
        item.put("before", AttributeValue.fromM(Map.of("name", s("old-job"), "owner", s("bob"), "lastUse",
                n(AT.minusSeconds(9000).toEpochMilli()), "created", n(AT.minusSeconds(99000).toEpochMilli()),
                "scopes", AttributeValue.fromL(List.of(s("DiagnosticExport"))), "revoked",
                AttributeValue.fromBool(false))));
        item.put("released", AttributeValue.fromM(Map.of("at", n(AT.minusSeconds(30).toEpochMilli()), "revoked",
                AttributeValue.fromBool(true), "why", s("used again"))));
        item.put("history", AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of("at", n(AT.toEpochMilli()),
                "run", s("run-2"), "action", s("revoke"), "outcome", s("started"), "reason",
                s("not used since"))))));
        item.put("version", n(3));
        return item;
    }

    @Test
    void writesAnEntryInTheTablesFormWithItsPendingActionByWireName() {
        assertThat(Ledger.item(ENTRY, Duration.ofDays(365))).isEqualTo(stored());
    }

    @Test
    void readsAnEntryBackAsItWasWritten() {
        assertThat(Ledger.entry(Ledger.item(ENTRY, Duration.ofDays(365)))).isEqualTo(ENTRY);
    }

    @Test
    void readsAnEntryAnEarlierVersionWroteWithItsPendingActionInCapitals() {
        Map<String, AttributeValue> earlier = stored();
        earlier.put("pending", s("REVOKE"));

        assertThat(Ledger.entry(earlier)).isEqualTo(ENTRY);
    }

    @Test
    void letsADeletedTokensItemExpireAYearAfterItsLastEvent() {
        LedgerEntry deleted = ENTRY.settled(Status.DELETED, AT.plusSeconds(5), "run-3", Outcome.DONE, null, null,
                null, null);

        Map<String, AttributeValue> item = Ledger.item(deleted, Duration.ofDays(365));

        assertThat(item.get(Ledger.EXPIRES_AT).n())
                .isEqualTo(Long.toString(AT.plusSeconds(5).plus(Duration.ofDays(365)).getEpochSecond()));
        assertThat(item).doesNotContainKeys("pending", "pendingAt", "holdUntil");
        assertThat(Ledger.entry(item)).isEqualTo(deleted);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
