package com.clustertokens.rotation;

/**
 * What a step did ({@code outcome}, a sentence naming tokens by their identifier only) to version {@code version} of
 * {@code secret}. Secrets Manager reads only whether the step failed; the result is for logs and tests.
 */
public record SecretRotationResult(SecretRotationStep step, String secret, String version, String outcome) {
}
