package com.clustertokens.remediation;

import static com.clustertokens.aws.DynamoAttributes.instant;
import static com.clustertokens.aws.DynamoAttributes.n;
import static com.clustertokens.aws.DynamoAttributes.s;
import static com.clustertokens.aws.DynamoAttributes.text;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.clustertokens.aws.AwsClients;
import com.clustertokens.aws.AwsFailures;
import com.clustertokens.error.RequestInProgressException;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * One writer per cluster at a time (an apply run or a restore), so that none settles or acts on another's action in
 * flight. The lock is the ledger item {@code (<cluster>#lock, run)}: cluster names hold no {@code #}, so no
 * cluster's tokens share its key. One an invocation left when it died is taken over once expired.
 */
@ApplicationScoped
public class RunLock {

    /** As long as a Lambda invocation may last at most: a lock older than that belongs to an invocation that is gone. */
    static final Duration LEASE = Duration.ofMinutes(15);
    /** No action starts this close to the lock's expiry, so that none is under way when another run may take over. */
    static final Duration MARGIN = Duration.ofMinutes(5);

    private static final Logger LOG = Logger.getLogger(RunLock.class);
    private static final String RANGE = "run";

    private final AwsClients aws;
    private final Ledger ledger;

    public RunLock(AwsClients aws, Ledger ledger) {
        this.aws = aws;
        this.ledger = ledger;
    }

    /** The lock of {@code cluster} as {@code run} holds it; {@code owner} tells it from a later taker's. */
    record Held(String cluster, String run, String owner, Instant since, Instant until) {

        boolean allowsActionAt(Instant now) {
            return now.isBefore(until.minus(MARGIN));
        }
    }

    /** Throws {@link RequestInProgressException} naming the holder while another run holds the lock. */
    Held take(String cluster, String run, Instant now) {
        Held held = new Held(cluster, run, UUID.randomUUID().toString(), now, now.plus(LEASE));
        try {
            aws.dynamoDb().putItem(b -> b.tableName(ledger.table()).item(item(held, Map.of()))
                    .conditionExpression("attribute_not_exists(#t) OR attribute_exists(#released) OR #until <= :now")
                    .expressionAttributeNames(Map.of("#t", Ledger.TOKEN_ID, "#released", "releasedAt", "#until",
                            "until"))
                    .expressionAttributeValues(Map.of(":now", n(now.toEpochMilli())))
                    .overrideConfiguration(aws.withinBudget()));
            return held;
        } catch (ConditionalCheckFailedException e) {
            throw new RequestInProgressException("Another run holds the remediation lock of cluster " + cluster + " ("
                    + holder(cluster) + "): nothing was settled or sent; a lock is given back when its run ends, "
                    + "and taken over " + LEASE.toMinutes() + " minutes after it was taken");
        } catch (SdkException e) {
            throw ledger.failure("take the lock of cluster " + cluster, e, "nothing was done");
        }
    }

    /** Gives {@code held} back at {@code now}, unless another run took it over meanwhile; never throws. */
    void release(Held held, Instant now) {
        try {
            aws.dynamoDb().putItem(b -> b.tableName(ledger.table())
                    .item(item(held, Map.of("releasedAt", n(now.toEpochMilli()))))
                    .conditionExpression("#owner = :owner").expressionAttributeNames(Map.of("#owner", "owner"))
                    .expressionAttributeValues(Map.of(":owner", s(held.owner())))
                    .overrideConfiguration(aws.withinBudget()));
        } catch (ConditionalCheckFailedException e) {
            LOG.warnf("The remediation lock of cluster %s expired during %s and was taken over", held.cluster(),
                    held.run());
        } catch (SdkException e) {
            LOG.warnf("The remediation lock of cluster %s could not be given back (%s); it expires at %s",
                    held.cluster(), AwsFailures.describe(e), held.until());
        }
    }

    private static Map<String, AttributeValue> item(Held held, Map<String, AttributeValue> more) {
        Map<String, AttributeValue> item = new HashMap<>(more);
        item.putAll(Map.of(Ledger.CLUSTER, s(key(held.cluster())), Ledger.TOKEN_ID, s(RANGE), "run", s(held.run()),
                "owner", s(held.owner()), "since", n(held.since().toEpochMilli()), "until",
                n(held.until().toEpochMilli())));
        return item;
    }

    private String holder(String cluster) {
        try {
            Map<String, AttributeValue> item = aws.dynamoDb().getItem(b -> b.tableName(ledger.table())
                    .consistentRead(true).key(Map.of(Ledger.CLUSTER, s(key(cluster)), Ledger.TOKEN_ID, s(RANGE)))
                    .overrideConfiguration(aws.withinBudget())).item();
            return item == null || item.isEmpty()
                    ? "given back meanwhile: try again"
                    : text(item, "run") + ", since " + instant(item, "since") + ", until " + instant(item, "until");
        } catch (SdkException e) {
            return "holder unknown: " + AwsFailures.describe(e);
        }
    }

    private static String key(String cluster) {
        return cluster + "#lock";
    }
}
