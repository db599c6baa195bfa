package com.clustertokens.rotation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.clustertokens.aws.AwsClients;
import com.clustertokens.aws.AwsFailures;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;

/**
 * The one-time EventBridge Scheduler schedule that runs a superseded token's follow-up when its grace ends. A
 * missing schedule is no failure: the nightly run follows up every cluster too, so the revoke is late by a day at most.
 */
@ApplicationScoped
public class FollowUpSchedule {

    private static final Logger LOG = Logger.getLogger(FollowUpSchedule.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final AwsClients aws;
    private final RotationConfig config;

    public FollowUpSchedule(AwsClients aws, RotationConfig config) {
        this.aws = aws;
        this.config = config;
    }

    /** What became of the schedule: its name, or why there is none. */
    public record Scheduled(String name, String note) {
    }

    /** {@code cluster} null for the deployment's one cluster; a repeat finds the schedule made and keeps it. */
    public Scheduled at(Instant due, String cluster, String clusterKey, String tokenId) {
        if (config.scheduleGroup().isEmpty() || config.followUpArn().isEmpty() || config.schedulerRoleArn().isEmpty()) {
            return new Scheduled(null, "no one-time schedule (ROTATION_SCHEDULE_GROUP, ROTATION_FOLLOW_UP_ARN and "
                    + "ROTATION_SCHEDULER_ROLE_ARN not all set): the nightly run revokes it once due");
        }
        String name = name(clusterKey, tokenId);
        ObjectNode input = JSON.createObjectNode();
        if (cluster != null) {
            input.put("cluster", cluster);
        }
        input.put("token", tokenId);
        // Scheduler's at() has whole seconds: rounded up, so the follow-up never runs before the grace ends.
        Instant at = due.truncatedTo(ChronoUnit.SECONDS).equals(due)
                ? due
                : due.truncatedTo(ChronoUnit.SECONDS)
                        .plusSeconds(1);
        try {
            aws.scheduler().createSchedule(b -> b.groupName(config.scheduleGroup().get()).name(name)
                    .scheduleExpression("at(" + AT.format(at) + ")").scheduleExpressionTimezone("UTC")
                    .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                    .actionAfterCompletion(ActionAfterCompletion.DELETE)
                    .target(t -> t.arn(config.followUpArn().get()).roleArn(config.schedulerRoleArn().get())
                            .input(input.toString()))
                    .overrideConfiguration(aws.withinBudget()));
            return new Scheduled(name, null);
        } catch (ConflictException repeat) {
            return new Scheduled(name, null);
        } catch (SdkException e) {
            LOG.warnf("Token %s: its follow-up schedule could not be made (%s); the nightly run revokes it once due",
                    tokenId, AwsFailures.describe(e));
            return new Scheduled(null, "the one-time schedule could not be made (" + AwsFailures.describe(e)
                    + "): the nightly run revokes it once due");
        }
    }

    /** Schedule names are at most 64 of [0-9A-Za-z-_.]: a digest of the cluster and token, one per token. */
    static String name(String clusterKey, String tokenId) {
        return "rotation-" + digest(clusterKey + "\n" + tokenId, 16);
    }

    /** The first {@code bytes} of the SHA-256 of {@code text}, in hex. */
    static String digest(String text, int bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(
                    StandardCharsets.UTF_8)), 0, bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
