package com.clustertokens.hygiene.delivery;

import static com.clustertokens.aws.DynamoAttributes.n;
import static com.clustertokens.aws.DynamoAttributes.s;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.clustertokens.aws.AwsClients;
import com.clustertokens.aws.AwsFailures;
import com.clustertokens.error.SinkFailedException;
import com.clustertokens.hygiene.report.HygieneReport.Delivery.Outcome;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * What each sink got of one identified run, in a DynamoDB table (hash key {@value #KEY}, string; TTL attribute
 * {@value #EXPIRES_AT}): a sink is claimed with a conditional write before it is sent to ({@value #SENDING}), then
 * marked {@value #DELIVERED}; a sink that surely failed is released, so a retry sends to it again. A claim left
 * {@value #SENDING} (the outcome unknown, or the invocation ended mid-send) is never sent again: a report twice is
 * the lesser harm than none, but a sink that may have it is not sent it again. The first claim also keeps the
 * summary, so a retry sends the very same text without reading the cluster again. A run's key is made by
 * {@code HygieneRun.key}.
 */
@ApplicationScoped
public class RunRecord {

    public static final String KEY = "runKey";
    static final String EXPIRES_AT = "expiresAt";
    static final String SENDING = "SENDING";
    static final String DELIVERED = "DELIVERED";
    /** Far longer than any retry (Lambda's async retries: 6 hours; the scheduler's: 24 hours). */
    static final Duration TTL = Duration.ofDays(14);
    /** A summary larger than this is not kept (DynamoDB items hold at most 400 KB); a retry then rebuilds it. */
    static final int MAX_SUMMARY_BYTES = 300 * 1024;

    private static final Logger LOG = Logger.getLogger(RunRecord.class);

    private final AwsClients aws;
    private final DeliveryConfig config;
    private final Clock clock = Clock.systemUTC();

    public RunRecord(AwsClients aws, DeliveryConfig config) {
        this.aws = aws;
        this.config = config;
    }

    /** Without a table, deliveries are not deduplicated. */
    boolean enabled() {
        return config.runTable().filter(t -> !t.isBlank()).isPresent();
    }

    Optional<String> summary(String runKey) {
        try {
            return Optional.ofNullable(item(runKey).get("summary")).map(AttributeValue::s);
        } catch (SdkException e) {
            LOG.warnf("Run record %s: could not be read from DynamoDB table %s (%s); the report is built again",
                    runKey, table(), AwsFailures.describe(e));
            return Optional.empty();
        }
    }

    /**
     * Claims {@code sink} for this run (keeping {@code summary} with the first claim): empty if claimed now, so it is
     * sent; else what an earlier (or concurrent) attempt left of it. Throws {@link SinkFailedException} if it cannot.
     */
    Optional<Outcome> claim(String runKey, String run, String sink, String summary) {
        long expiresAt = clock.instant().getEpochSecond() + TTL.toSeconds();
        Map<String, String> names = new HashMap<>(Map.of("#sink", sink, "#run", "run", "#expiresAt", EXPIRES_AT));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":sending", s(SENDING), ":run", s(run),
                ":expiresAt", n(expiresAt)));
        String update = "SET #sink = :sending, #run = if_not_exists(#run, :run), "
                + "#expiresAt = if_not_exists(#expiresAt, :expiresAt)";
        if (summary.getBytes(StandardCharsets.UTF_8).length <= MAX_SUMMARY_BYTES) {
            update += ", #summary = if_not_exists(#summary, :summary)";
            names.put("#summary", "summary");
            values.put(":summary", s(summary));
        }
        String expression = update;
        try {
            aws.dynamoDb().updateItem(b -> b.tableName(table()).key(Map.of(KEY, s(runKey)))
                    .updateExpression(expression).conditionExpression("attribute_not_exists(#sink)")
                    .expressionAttributeNames(names).expressionAttributeValues(values)
                    .overrideConfiguration(aws.withinBudget()));
            return Optional.empty();
        } catch (ConditionalCheckFailedException e) {
            AttributeValue state;
            try {
                state = item(runKey).get(sink);
            } catch (SdkException unread) {
                state = null; // the claim exists: whatever it says, not sending again is what it asks for
            }
            return Optional.of(state != null && DELIVERED.equals(state.s())
                    ? Outcome.DELIVERED_EARLIER
                    : Outcome.MAYBE_DELIVERED_EARLIER);
        } catch (SdkException e) {
            throw new SinkFailedException("not sent: the run record in DynamoDB table " + table()
                    + " could not be written ("
                    + AwsFailures.describe(e) + "), and without it a retry could send it twice", false);
        }
    }

    /** Marks the sink delivered; if that fails, the claim stays and a retry still does not send again. */
    void delivered(String runKey, String sink) {
        set(runKey, sink, "SET #sink = :state", Map.of(":state", s(DELIVERED)), null);
    }

    /** Removes the claim of a sink that surely did not get the report, so a retry sends to it. */
    void release(String runKey, String sink) {
        set(runKey, sink, "REMOVE #sink", Map.of(":sending", s(SENDING)), "#sink = :sending");
    }

    private void set(String runKey, String sink, String update, Map<String, AttributeValue> values, String condition) {
        try {
            aws.dynamoDb().updateItem(b -> b.tableName(table()).key(Map.of(KEY, s(runKey))).updateExpression(update)
                    .conditionExpression(condition).expressionAttributeNames(Map.of("#sink", sink))
                    .expressionAttributeValues(values).overrideConfiguration(aws.withinBudget()));
        } catch (ConditionalCheckFailedException e) {
            LOG.debugf("Run record %s: the claim of %s was no longer there to release", runKey, sink);
        } catch (SdkException e) {
            LOG.warnf("Run record %s: could not record the outcome for %s (%s); a retry of this run will not send "
                    + "to it again", runKey, sink, AwsFailures.describe(e));
        }
    }

    private Map<String, AttributeValue> item(String runKey) {
        GetItemResponse response = aws.dynamoDb().getItem(b -> b.tableName(table()).key(Map.of(KEY, s(runKey)))
                .consistentRead(true).overrideConfiguration(aws.withinBudget()));
        return response.hasItem() ? response.item() : Map.of();
    }

    private String table() {
        return config.runTable().orElseThrow();
    }
}
