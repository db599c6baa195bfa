package com.clustertokens.remediation;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.clustertokens.aws.AwsClients;
import com.clustertokens.aws.AwsFailures;
import com.clustertokens.error.AwsUnavailableException;
import com.clustertokens.error.ConfigurationException;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The remediation ledger, a DynamoDB table (hash key {@value LedgerItems#CLUSTER}, range key
 * {@value LedgerItems#TOKEN_ID}, TTL {@value LedgerItems#EXPIRES_AT}): one item per token this system acted on.
 * Every write is conditional on the version read, so two runs never both act on one token, and each action is
 * recorded as started before it is sent and settled after: a run cut off halfway leaves it UNKNOWN, never lost.
 */
@ApplicationScoped
public class Ledger {

    /** A deleted token's item is kept this long after its deletion, then expires. */
    static final Duration KEEP_DELETED = Duration.ofDays(365);

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

    /** Every entry of {@code cluster}, by token id. */
    public Map<String, LedgerEntry> entries(String cluster) {
        Map<String, LedgerEntry> entries = new HashMap<>();
        Map<String, AttributeValue> start = null;
        try {
            do {
                Map<String, AttributeValue> from = start;
                QueryResponse page = aws.dynamoDb().query(b -> b.tableName(table()).consistentRead(true)
                        .keyConditionExpression("#c = :c").expressionAttributeNames(Map.of("#c", LedgerItems.CLUSTER))
                        .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(cluster)))
                        .exclusiveStartKey(from).overrideConfiguration(aws.withinBudget()));
                page.items().forEach(item -> {
                    LedgerEntry entry = LedgerItems.entry(item);
                    entries.put(entry.tokenId(), entry);
                });
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                        ? page.lastEvaluatedKey()
                        : null;
            } while (start != null);
        } catch (SdkException e) {
            throw failure("read the entries of cluster " + cluster, e);
        }
        return entries;
    }

    /** The entry of one token, if the ledger holds one. */
    public Optional<LedgerEntry> entry(String cluster, String tokenId) {
        try {
            var response = aws.dynamoDb().getItem(b -> b.tableName(table()).consistentRead(true)
                    .key(LedgerItems.key(cluster, tokenId)).overrideConfiguration(aws.withinBudget()));
            return response.hasItem() && !response.item().isEmpty()
                    ? Optional.of(LedgerItems.entry(response.item()))
                    : Optional.empty();
        } catch (SdkException e) {
            throw failure("read token " + tokenId, e);
        }
    }

    /**
     * Writes {@code next} if the stored entry is still the one it follows (version {@code next.version() - 1}, or
     * none for version 1); false when another run wrote first. Throws {@link AwsUnavailableException} otherwise.
     */
    public boolean write(LedgerEntry next) {
        Map<String, AttributeValue> item = LedgerItems.item(next, KEEP_DELETED);
        boolean first = next.version() == 1;
        Map<String, AttributeValue> values = new HashMap<>();
        if (!first) {
            values.put(":v", AttributeValue.fromN(Long.toString(next.version() - 1)));
        }
        try {
            aws.dynamoDb().putItem(b -> b.tableName(table()).item(item)
                    .conditionExpression(first ? "attribute_not_exists(#t)" : "#v = :v")
                    .expressionAttributeNames(first
                            ? Map.of("#t", LedgerItems.TOKEN_ID)
                            : Map.of("#v", LedgerItems.VERSION))
                    .expressionAttributeValues(values.isEmpty() ? null : values)
                    .overrideConfiguration(aws.withinBudget()));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw failure("record " + next.status() + " of token " + next.tokenId(), e);
        }
    }

    /** The table's name; throws {@link ConfigurationException} when none is configured. */
    String table() {
        return config.ledgerTable().filter(t -> !t.isBlank()).orElseThrow(() -> new ConfigurationException(
                "REMEDIATION_LEDGER_TABLE is not set: remediation records every action in that DynamoDB table "
                        + "before the next one, and neither plans nor acts without it"));
    }

    private AwsUnavailableException failure(String action, SdkException e) {
        return new AwsUnavailableException("Could not " + action + " in the remediation ledger (DynamoDB table "
                + table() + "): " + AwsFailures.describe(e) + "; nothing more was done", AwsFailures.retryable(e));
    }
}
