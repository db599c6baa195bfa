package com.clustertokens.remediation;

import static com.clustertokens.aws.DynamoAttributes.n;
import static com.clustertokens.aws.DynamoAttributes.s;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.clustertokens.aws.AwsClients;
import com.clustertokens.aws.AwsFailures;
import com.clustertokens.aws.DynamoAttributes;
import com.clustertokens.error.AwsUnavailableException;
import com.clustertokens.error.ConfigurationException;
import com.clustertokens.remediation.LedgerEntry.Status;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The remediation ledger, a DynamoDB table: one item per token this system acted on, a {@link LedgerEntry} mapped by
 * Jackson (times epoch milliseconds, as the Cluster API gives them). Every write is conditional on the version read,
 * so two runs never both act on one token.
 */
@ApplicationScoped
public class Ledger {

    static final String CLUSTER = "cluster";
    static final String TOKEN_ID = "tokenId";
    static final String EXPIRES_AT = "expiresAt";
    /** A deleted token's item is kept this long after its deletion, then expires. */
    static final Duration KEEP_DELETED = Duration.ofDays(365);

    // Its own mapper: the item's form is the table's, not the responses' (no masking, times as numbers).
    private static final ObjectMapper ITEMS = JsonMapper.builder().addModule(new JavaTimeModule())
            .enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS)
            .disable(DeserializationFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final AwsClients aws;
    private final RemediationConfig config;

    public Ledger(AwsClients aws, RemediationConfig config) {
        this.aws = aws;
        this.config = config;
    }

    /** Whether a table is configured; without one remediation neither plans nor acts. */
    public boolean configured() {
        return config.ledgerTable().filter(t -> !t.isBlank()).isPresent();
    }

    public Map<String, LedgerEntry> entries(String cluster) {
        Map<String, LedgerEntry> entries = new HashMap<>();
        try {
            aws.dynamoDb().queryPaginator(b -> b.tableName(table()).consistentRead(true)
                    .keyConditionExpression("#c = :c").expressionAttributeNames(Map.of("#c", CLUSTER))
                    .expressionAttributeValues(Map.of(":c", s(cluster))).overrideConfiguration(aws.withinBudget()))
                    .items().stream().map(Ledger::entry).forEach(entry -> entries.put(entry.tokenId(), entry));
        } catch (SdkException e) {
            throw failure("read the entries of cluster " + cluster, e, "nothing more was done");
        }
        return entries;
    }

    public Optional<LedgerEntry> entry(String cluster, String tokenId) {
        try {
            var response = aws.dynamoDb().getItem(b -> b.tableName(table()).consistentRead(true)
                    .key(Map.of(CLUSTER, s(cluster), TOKEN_ID, s(tokenId))).overrideConfiguration(aws.withinBudget()));
            return response.hasItem() && !response.item().isEmpty()
                    ? Optional.of(entry(response.item()))
                    : Optional.empty();
        } catch (SdkException e) {
            throw failure("read token " + tokenId, e, "nothing more was done");
        }
    }

    /** Writes {@code next} if the stored entry is still the one it follows; false when another run wrote first. */
    public boolean write(LedgerEntry next) {
        boolean first = next.version() == 1;
        try {
            aws.dynamoDb().putItem(b -> b.tableName(table()).item(item(next, KEEP_DELETED))
                    .conditionExpression(first ? "attribute_not_exists(#t)" : "#v = :v")
                    .expressionAttributeNames(first ? Map.of("#t", TOKEN_ID) : Map.of("#v", "version"))
                    .expressionAttributeValues(first ? null : Map.of(":v", n(next.version() - 1)))
                    .overrideConfiguration(aws.withinBudget()));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw failure("record " + next.status() + " of token " + next.tokenId(), e, "nothing more was done");
        }
    }

    String table() {
        return config.ledgerTable().filter(t -> !t.isBlank()).orElseThrow(() -> new ConfigurationException(
                "REMEDIATION_LEDGER_TABLE is not set: remediation records every action in that DynamoDB table "
                        + "before the next one, and neither plans nor acts without it"));
    }

    AwsUnavailableException failure(String action, SdkException e, String after) {
        return new AwsUnavailableException("Could not " + action + " in the remediation ledger (DynamoDB table "
                + table() + "): " + AwsFailures.describe(e) + "; " + after, AwsFailures.retryable(e));
    }

    /** The item of {@code entry}; a deleted token's item expires {@code keepDeleted} after its last event. */
    static Map<String, AttributeValue> item(LedgerEntry entry, Duration keepDeleted) {
        Map<String, AttributeValue> item = new HashMap<>(DynamoAttributes.of(ITEMS.valueToTree(entry)).m());
        if (entry.status() == Status.DELETED && !entry.history().isEmpty()) {
            item.put(EXPIRES_AT, n(entry.history().get(entry.history().size() - 1).at().plus(keepDeleted)
                    .getEpochSecond()));
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
