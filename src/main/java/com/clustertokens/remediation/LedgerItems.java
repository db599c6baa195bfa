package com.clustertokens.remediation;

import static com.clustertokens.aws.DynamoAttributes.n;
import static com.clustertokens.aws.DynamoAttributes.s;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import com.clustertokens.aws.DynamoAttributes;
import com.clustertokens.remediation.LedgerEntry.Event;
import com.clustertokens.remediation.LedgerEntry.Status;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A {@link LedgerEntry} as a DynamoDB item and back, mapped by Jackson: every record component an attribute of its
 * name, nested records maps, lists lists; times are epoch milliseconds, as the Cluster API gives them.
 */
final class LedgerItems {

    static final String CLUSTER = "cluster";
    static final String TOKEN_ID = "tokenId";
    static final String VERSION = "version";
    static final String EXPIRES_AT = "expiresAt";

    // Its own mapper: the item's form is the table's, not the responses' (no masking, times as numbers).
    private static final ObjectMapper ITEMS = JsonMapper.builder().addModule(new JavaTimeModule())
            .enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS)
            .disable(DeserializationFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private LedgerItems() {
    }

    static Map<String, AttributeValue> key(String cluster, String tokenId) {
        return Map.of(CLUSTER, s(cluster), TOKEN_ID, s(tokenId));
    }

    /** The item of {@code entry}; a deleted token's item expires {@code keepDeleted} after its last event. */
    static Map<String, AttributeValue> item(LedgerEntry entry, Duration keepDeleted) {
        Map<String, AttributeValue> item = new HashMap<>(DynamoAttributes.of(ITEMS.valueToTree(entry)).m());
        if (entry.status() == Status.DELETED && !entry.history().isEmpty()) {
            Event last = entry.history().get(entry.history().size() - 1);
            item.put(EXPIRES_AT, n(last.at().plus(keepDeleted).getEpochSecond()));
        }
        return item;
    }

    static LedgerEntry entry(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> read = new HashMap<>(item);
        // Items written before the actions had wire names keep their pending action's constant (REVOKE).
        read.computeIfPresent("pending", (name, v) -> s(v.s().toLowerCase(Locale.ROOT)));
        return ITEMS.convertValue(DynamoAttributes.tree(AttributeValue.fromM(read)), LedgerEntry.class);
    }
}
