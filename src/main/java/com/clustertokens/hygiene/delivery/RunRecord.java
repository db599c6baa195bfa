package com.clustertokens.hygiene.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.clustertokens.aws.AwsClients;
import com.clustertokens.aws.AwsFailures;
import com.clustertokens.aws.DynamoAttributes;
import com.clustertokens.error.SinkFailedException;

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

    /** The table's hash key. */
    public static final String KEY = "runKey";
    static final String EXPIRES_AT = "expiresAt";
    static final String SENDING = "SENDING";
    static final String DELIVERED = "DELIVERED";
    /** Far longer than any retry (Lambda's async retries: 6 hours; the scheduler's: 24 hours). */
    static final Duration TTL = Duration.ofDays(14);
    /** A summary larger than this is not kept (DynamoDB items hold at most 400 KB); a retry then rebuilds it. */
    static final int MAX_SUMMARY_BYTES = 300 * 1024;

    private static final Logger LOG = Logger.getLogger(RunRecord.class);

    /** What a sink's claim found. */
    enum Claim {
        /** Nobody sent to it yet: send now. */
        CLAIMED,
        /** An earlier attempt of this run delivered it. */
        DELIVERED_EARLIER,
        /** An earlier (or concurrent) attempt was sending it and its outcome is unknown: not sent again. */
        MAYBE_DELIVERED_EARLIER
    }

    private final AwsClients aws;
    private final DeliveryConfig config;
    private final Clock clock = Clock.systemUTC();

    public RunRecord(AwsClients aws, DeliveryConfig config) {
        this.aws = aws;
        this.config = config;
    }

    /** Whether a table is configured; without one, deliveries are not deduplicated. */
    boolean enabled() {
        return config.runTable().filter(t -> !t.isBlank()).isPresent();
    }

    /** The summary an earlier attempt of this run kept, if any. */
    Optional<String> summary(String runKey) {
        GetItemResponse response;
        try {
            response = aws.dynamoDb().getItem(b -> b.tableName(table()).key(Map.of(KEY, s(runKey)))
                    .consistentRead(true).overrideConfiguration(aws.withinBudget()));
        } catch (SdkException e) {
            LOG.warnf("Run record %s: could not be read from DynamoDB table %s (%s); the report is built again",
                    runKey, table(), AwsFailures.describe(e));
            return Optional.empty();
        }
        AttributeValue summary = response.hasItem() ? response.item().get("summary") : null;
        return Optional.ofNullable(summary).map(AttributeValue::s);
    }

    /**
     * Claims {@code sink} for this run (keeping {@code summary} with the first claim); throws
     * {@link SinkFailedException} if it cannot.
     */
    Claim claim(String runKey, String run, String sink, String summary) {
        long now = clock.instant().getEpochSecond();
        boolean keepSummary = summary.getBytes(StandardCharsets.UTF_8).length <= MAX_SUMMARY_BYTES;
        try {
            aws.dynamoDb().updateItem(b -> b.tableName(table()).key(Map.of(KEY, s(runKey)))
                    .updateExpression("SET #sink = :sending, #run = if_not_exists(#run, :run), #expiresAt = "
                            + "if_not_exists(#expiresAt, :expiresAt)" + (keepSummary
                                    ? ", #summary = if_not_exists(#summary, :summary)"
                                    : ""))
                    .conditionExpression("attribute_not_exists(#sink)")
                    .expressionAttributeNames(keepSummary
                            ? Map.of("#sink", sink, "#run", "run", "#expiresAt", EXPIRES_AT, "#summary", "summary")
                            : Map.of("#sink", sink, "#run", "run", "#expiresAt", EXPIRES_AT))
                    .expressionAttributeValues(keepSummary
                            ? Map.of(":sending", s(SENDING), ":run", s(run), ":expiresAt", n(now + TTL.toSeconds()),
                                    ":summary", s(summary))
                            : Map.of(":sending", s(SENDING), ":run", s(run), ":expiresAt", n(now + TTL.toSeconds())))
                    .overrideConfiguration(aws.withinBudget()));
            return Claim.CLAIMED;
        } catch (ConditionalCheckFailedException e) {
            return state(runKey, sink);
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

    private Claim state(String runKey, String sink) {
        AttributeValue state;
        try {
            GetItemResponse response = aws.dynamoDb().getItem(b -> b.tableName(table()).key(Map.of(KEY, s(runKey)))
                    .consistentRead(true).overrideConfiguration(aws.withinBudget()));
            state = response.hasItem() ? response.item().get(sink) : null;
        } catch (SdkException e) {
            state = null; // the claim exists: whatever it says, not sending again is what it asks for
        }
        return state != null && DELIVERED.equals(state.s()) ? Claim.DELIVERED_EARLIER : Claim.MAYBE_DELIVERED_EARLIER;
    }

    private String table() {
        return config.runTable().orElseThrow();
    }

    private static AttributeValue s(String value) {
        return DynamoAttributes.s(value);
    }

    private static AttributeValue n(long value) {
        return DynamoAttributes.n(value);
    }
}
