package com.clustertokens.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

class AwsFailuresTest {

    /** What SDK 2.x says when its default chain finds nothing (shortened: it lists every provider it tried). */
    private static final SdkClientException NO_CREDENTIALS = SdkClientException.create("Unable to load credentials "
            + "from any of the providers in the chain AwsCredentialsProviderChain(credentialsProviders=["
            + "SystemPropertyCredentialsProvider(), EnvironmentVariableCredentialsProvider(), "
            + "WebIdentityTokenFileCredentialsProvider(), ProfileCredentialsProvider(profileName=default), "
            + "ContainerCredentialsProvider(), InstanceProfileCredentialsProvider()]) : [...]");

    @Test
    void missingCredentialsAreDescribedInOneSentenceThatSaysWhereTheyComeFrom() {
        String described = AwsFailures.describe(NO_CREDENTIALS);

        assertEquals("no AWS credentials: the SDK's default chain found none (on Lambda the function's role provides "
                + "them; elsewhere set AWS_PROFILE or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)", described);
    }

    @Test
    void missingCredentialsAreNotWorthRetrying() {
        assertFalse(AwsFailures.retryable(NO_CREDENTIALS));
    }

    @Test
    void aFailureWithoutAnAnswerFromAwsIsWorthRetrying() {
        assertTrue(AwsFailures.retryable(SdkClientException.create("Unable to execute HTTP request: Read timed out")));
    }

    @Test
    void aRefusalIsDescribedByAwsErrorCodeAndStatusOnly() {
        SecretsManagerException refused = (SecretsManagerException) SecretsManagerException.builder()
                .statusCode(400).awsErrorDetails(AwsErrorDetails.builder().errorCode("ResourceExistsException")
                        .errorMessage("secret cluster-tokens/x already exists").build())
                .build();

        assertEquals("ResourceExistsException (HTTP 400)", AwsFailures.describe(refused));
        assertFalse(AwsFailures.retryable(refused));
    }
}
