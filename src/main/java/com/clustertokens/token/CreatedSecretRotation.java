package com.clustertokens.token;

import org.jboss.logging.Logger;

import com.clustertokens.aws.AwsClients;
import com.clustertokens.aws.AwsFailures;

import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns on Secrets Manager rotation of a secret just stored, by rotate-secret every CREATE_TOKEN_ROTATE_AFTER_DAYS
 * (docs/rotation.md, "Secrets Manager rotation"). Per secret: a RotationSchedule resource needs a fixed secret.
 */
final class CreatedSecretRotation {

    private static final Logger LOG = Logger.getLogger(CreatedSecretRotation.class);

    private CreatedSecretRotation() {
    }

    static void turnOn(AwsClients aws, CreateTokenConfig config, String arn) {
        int days = config.rotateAfterDays();
        String function = config.rotationFunctionArn().filter(f -> !f.isBlank()).orElse(null);
        if (days <= 0) {
            return;
        }
        String reason;
        if (function == null) {
            reason = "CREATE_TOKEN_ROTATION_FUNCTION_ARN is not set";
        } else {
            try {
                // Not at once: the token is new. Secrets Manager only checks the function with a testSecret now.
                aws.secretsManager().rotateSecret(b -> b.secretId(arn).rotationLambdaARN(function).rotationRules(
                        r -> r.automaticallyAfterDays((long) days)).rotateImmediately(false)
                        .overrideConfiguration(aws.withinBudget()));
                return;
            } catch (SdkException e) {
                reason = AwsFailures.describe(e);
            }
        }
        // The token is created and stored: a rotation not turned on is told to the operator, not worth losing it for.
        LOG.warnf("Secret %s is stored but its rotation every %d days is not turned on (%s): aws secretsmanager "
                + "rotate-secret --secret-id %s --rotation-lambda-arn <rotate-secret's ARN> --rotation-rules "
                + "AutomaticallyAfterDays=%d --no-rotate-immediately", arn, days, reason, arn, days);
    }
}
