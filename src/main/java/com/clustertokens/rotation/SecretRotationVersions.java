package com.clustertokens.rotation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.clustertokens.aws.AwsClients;
import com.clustertokens.aws.AwsFailures;
import com.clustertokens.error.AwsUnavailableException;
import com.clustertokens.error.InvalidInputException;
import com.clustertokens.error.Quoted;
import com.clustertokens.security.Secrets;
import com.clustertokens.token.CreateTokenConfig;
import com.clustertokens.token.SecretTags;
import com.clustertokens.token.TokenSecretStore;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * The Secrets Manager side of a rotation: only secrets create-token stored (under its prefix, with the cluster tag it
 * writes), their versions' staging labels, and the values of one version. Values are registered for redaction.
 */
@ApplicationScoped
public class SecretRotationVersions {

    static final String CURRENT = "AWSCURRENT";
    static final String PENDING = "AWSPENDING";
    static final String PREVIOUS = "AWSPREVIOUS";

    private final AwsClients aws;
    private final CreateTokenConfig config;

    /** A created token's secret: the cluster and token its tags name, and each version's staging labels. */
    record RotatedSecret(String arn, String name, String cluster, Map<String, List<String>> stages) {

        boolean labels(String version, String stage) {
            return stages.getOrDefault(version, List.of()).contains(stage);
        }

        Optional<String> versionLabelled(String stage) {
            return stages.entrySet().stream().filter(e -> e.getValue().contains(stage)).map(Map.Entry::getKey)
                    .findFirst();
        }
    }

    public SecretRotationVersions(AwsClients aws, CreateTokenConfig config) {
        this.aws = aws;
        this.config = config;
    }

    /** The secret, refused unless create-token stored it: rotate-secret replaces only the tokens it made. */
    RotatedSecret describe(String secretId) {
        DescribeSecretResponse described = call("describe secret " + secretId, () -> aws.secretsManager()
                .describeSecret(b -> b.secretId(secretId).overrideConfiguration(aws.withinBudget())));
        String cluster = SecretTags.valueOf(described, TokenSecretStore.TAG_CLUSTER);
        String name = described.name();
        if (!name.startsWith(config.secretPrefix()) || cluster == null) {
            throw new InvalidInputException("SecretId: " + Quoted.of(name) + " is not a secret create-token stored "
                    + "(its name starts with " + config.secretPrefix() + " and its tag " + TokenSecretStore.TAG_CLUSTER
                    + " names the cluster): rotate-secret rotates only those");
        }
        if (described.deletedDate() != null) {
            throw new InvalidInputException("SecretId: " + Quoted.of(name) + " is scheduled for deletion");
        }
        return new RotatedSecret(described.arn(), name, cluster, described.versionIdsToStages());
    }

    /** The value of {@code version} while it carries {@code stage}; empty when it has none (yet). */
    Optional<String> value(RotatedSecret secret, String version, String stage) {
        try {
            String value = aws.secretsManager().getSecretValue(b -> b.secretId(secret.arn()).versionId(version)
                    .versionStage(stage).overrideConfiguration(aws.withinBudget())).secretString();
            if (value != null) {
                Secrets.register(value);
            }
            return Optional.ofNullable(value);
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failure("read version " + version + " (" + stage + ") of secret " + secret.name(), e);
        }
    }

    /** Stores {@code token} as version {@code version}, labelled AWSPENDING only: readers still get AWSCURRENT. */
    void putPending(RotatedSecret secret, String version, String token) {
        call("store version " + version + " (" + PENDING + ") of secret " + secret.name(), () -> aws.secretsManager()
                .putSecretValue(b -> b.secretId(secret.arn()).clientRequestToken(version).secretString(token)
                        .versionStages(PENDING).overrideConfiguration(aws.withinBudget())));
    }

    /** Moves {@code stage} to {@code to} (null: nowhere) from {@code from} (null: from no version). */
    void moveStage(RotatedSecret secret, String stage, String to, String from) {
        call("move " + stage + " of secret " + secret.name() + " to version " + to, () -> aws.secretsManager()
                .updateSecretVersionStage(b -> b.secretId(secret.arn()).versionStage(stage).moveToVersionId(to)
                        .removeFromVersionId(from).overrideConfiguration(aws.withinBudget())));
    }

    /** Names the token the secret holds, so create-token never overwrites it while that token lives. */
    void nameToken(RotatedSecret secret, String tokenId, String identifier) {
        List<Tag> tags = SecretTags.of(TokenSecretStore.TAG_TOKEN_ID, tokenId, TokenSecretStore.TAG_IDENTIFIER,
                identifier);
        call("tag secret " + secret.name() + " with its new token", () -> aws.secretsManager().tagResource(b -> b
                .secretId(secret.arn()).tags(tags).overrideConfiguration(aws.withinBudget())));
    }

    private static <T> T call(String action, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw failure(action, e);
        }
    }

    private static AwsUnavailableException failure(String action, SdkException e) {
        return new AwsUnavailableException("Could not " + action + " in Secrets Manager: " + AwsFailures.describe(e)
                + "; AWSCURRENT is unchanged", AwsFailures.retryable(e));
    }
}
