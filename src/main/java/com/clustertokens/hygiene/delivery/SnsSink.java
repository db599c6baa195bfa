package com.clustertokens.hygiene.delivery;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.clustertokens.aws.AwsClients;
import com.clustertokens.aws.AwsFailures;
import com.clustertokens.error.SinkFailedException;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.model.PublishResponse;
import software.amazon.awssdk.services.sns.model.SnsException;

/** Publishes the summary to an SNS topic, cut to SNS's 256 KB message limit. */
@ApplicationScoped
public class SnsSink {

    /** SNS's largest message, in UTF-8 bytes. */
    static final int MAX_MESSAGE_BYTES = 256 * 1024;
    static final String SUBJECT = "Cluster token hygiene report";

    private static final Logger LOG = Logger.getLogger(SnsSink.class);

    private final AwsClients aws;

    public SnsSink(AwsClients aws) {
        this.aws = aws;
    }

    /** Publishes; on failure throws {@link SinkFailedException} with a reason that names no secret. */
    void publish(String topicArn, String summary) {
        String message = Deliveries.fit(summary, MAX_MESSAGE_BYTES, true);
        try {
            PublishResponse response = aws.sns().publish(b -> b.topicArn(topicArn).subject(SUBJECT).message(message)
                    .overrideConfiguration(aws.withinBudget()));
            LOG.infof("Published the report to SNS topic %s (message %s)", topicArn, response.messageId());
        } catch (SnsException e) {
            throw new SinkFailedException("topic " + topicArn + " refused the message: " + AwsFailures.describe(e));
        } catch (SdkException e) {
            // No answer from SNS (a timeout, a dropped connection): the message may have been published.
            throw new SinkFailedException("publishing to topic " + topicArn + " failed: " + AwsFailures.describe(e),
                    true);
        }
    }
}
