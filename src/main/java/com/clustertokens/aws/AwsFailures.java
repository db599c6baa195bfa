package com.clustertokens.aws;

import com.clustertokens.security.Secrets;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** How an AWS SDK failure is told to a reader, and whether trying again may help: one rule for every AWS call. */
public final class AwsFailures {

    private AwsFailures() {
    }

    /** AWS's error code and HTTP status for a refusal; the failure's kind (never a value it holds) otherwise. */
    public static String describe(SdkException e) {
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            return (code == null ? "error" : code) + " (HTTP " + service.statusCode() + ")";
        }
        if (noCredentials(e)) {
            // The SDK lists every provider it tried, a kilobyte of class names that tells a reader nothing more.
            return "no AWS credentials: the SDK's default chain found none (on Lambda the function's role provides "
                    + "them; elsewhere set AWS_PROFILE or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null
                ? ""
                : " (" + Secrets.redact(e.getMessage()) + ")");
    }

    /**
     * Whether a later attempt may succeed: AWS's own verdict, a server error or throttling; and any failure without an
     * answer from AWS (a timeout, a dropped connection), but for missing credentials.
     */
    public static boolean retryable(SdkException e) {
        if (e instanceof AwsServiceException service) {
            return service.retryable() || service.statusCode() >= 500 || service.isThrottlingException();
        }
        return !noCredentials(e);
    }

    /** Missing credentials are a setup to fix, not a passing fault: the same call fails the same way again. */
    private static boolean noCredentials(SdkException e) {
        return e.getMessage() != null && e.getMessage().startsWith("Unable to load credentials");
    }
}
