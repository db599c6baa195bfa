package com.clustertokens.rotation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.clustertokens.error.InvalidInputException;
import com.clustertokens.error.Quoted;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The event Secrets Manager invokes a rotation function with, once per step: {@code ClientRequestToken} is the id of
 * the version being rotated in; {@code RotationToken} (sent since 2023) is not needed here, but accepted.
 */
public record SecretRotationEvent(@JsonProperty("Step") SecretRotationStep step,
        @JsonProperty("SecretId") String secretId,
        @JsonProperty("ClientRequestToken") String clientRequestToken,
        @JsonProperty("RotationToken") String rotationToken) {

    /** Secrets Manager's own rule for a version id (32 to 64 characters); it also fits an idempotency key. */
    private static final Pattern VERSION_ID = Pattern.compile("[A-Za-z0-9-]{32,64}");
    /** A secret's ARN or name: at most 2048 characters. */
    private static final int MAX_SECRET_ID = 2048;

    /** This event, or every field-named problem it has. */
    SecretRotationEvent checked() {
        List<String> problems = new ArrayList<>();
        if (step == null) {
            problems.add("Step: is required (createSecret, setSecret, testSecret or finishSecret)");
        }
        if (secretId == null || secretId.isBlank() || secretId.length() > MAX_SECRET_ID) {
            problems.add("SecretId: is required, the ARN or name of the secret, at most " + MAX_SECRET_ID
                    + " characters");
        }
        if (clientRequestToken == null || !VERSION_ID.matcher(clientRequestToken).matches()) {
            problems.add("ClientRequestToken: " + (clientRequestToken == null
                    ? "is required"
                    : Quoted.of(
                            clientRequestToken) + " is not a version id") + " (32 to 64 letters, digits or -)");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return this;
    }
}
