package com.clustertokens.hygiene.delivery;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * Where stale-tokens sends its summary; the {@code hygiene.*} settings of the sinks, each also read from its
 * environment variable ({@code hygiene.sns-topic-arn} = {@code HYGIENE_SNS_TOPIC_ARN}).
 */
@ConfigMapping(prefix = "hygiene")
public interface DeliveryConfig {

    /** SNS topic the summary is published to; none when absent (HYGIENE_SNS_TOPIC_ARN). */
    Optional<String> snsTopicArn();

    /** Slack-compatible incoming webhook URL; a secret, never logged (HYGIENE_SLACK_WEBHOOK_URL). */
    Optional<String> slackWebhookUrl();

    /** Secrets Manager secret holding the webhook URL, read at run time and cached (HYGIENE_SLACK_WEBHOOK_SECRET_ARN). */
    Optional<String> slackWebhookSecretArn();

    /** DynamoDB table recording each scheduled run's deliveries, so a retry sends only what failed (HYGIENE_RUN_TABLE). */
    Optional<String> runTable();
}
