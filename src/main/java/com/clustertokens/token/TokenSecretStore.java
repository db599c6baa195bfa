package com.clustertokens.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.clustertokens.aws.AwsClients;
import com.clustertokens.security.Secrets;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * Stores a created token's secret in a new AWS Secrets Manager secret named {@code <prefix><token name>-<suffix>}:
 * the name cut to the characters Secrets Manager allows, the suffix derived from the idempotency key (token names are
 * not unique), so a repeat of one request finds the secret of its first attempt instead of making another.
 */
@ApplicationScoped
public class TokenSecretStore {

    static final String TAG_REQUEST_ID = "cluster-tokens:request-id";
    static final String TAG_REQUESTER = "cluster-tokens:requester";
    static final String TAG_IDENTIFIER = "cluster-tokens:token-identifier";

    /** Secrets Manager's longest name, less room for the suffix. */
    private static final int MAX_NAME = 512;
    private static final int MAX_TAG_VALUE = 256;

    private final AwsClients aws;
    private final CreateTokenConfig config;

    /** Where the secret is: {@code existed} when a secret of the same request was already there. */
    public record StoredSecret(String arn, String name, String identifier, boolean existed) {
    }

    /** Secrets Manager refused; the reason names AWS's error, never the secret. */
    public static final class StoreFailure extends RuntimeException {
        StoreFailure(String reason) {
            super(reason, null, false, false);
        }
    }

    public TokenSecretStore(AwsClients aws, CreateTokenConfig config) {
        this.aws = aws;
        this.config = config;
    }

    /** The secret's name for a token name and idempotency key (null key: a random suffix). */
    String secretName(String tokenName, String idempotencyKey) {
        String suffix = idempotencyKey == null ? UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                : sha256(idempotencyKey).substring(0, 12);
        String prefix = config.secretPrefix();
        String cleaned = tokenName.replaceAll("[^A-Za-z0-9/_+=.@-]", "_");
        int room = MAX_NAME - prefix.length() - suffix.length() - 1;
        if (cleaned.length() > room) {
            cleaned = cleaned.substring(0, Math.max(0, room));
        }
        return prefix + cleaned + "-" + suffix;
    }

    /** Creates the secret; throws {@link StoreFailure} when Secrets Manager refuses. */
    public StoredSecret store(String secret, String identifier, String tokenName, String idempotencyKey,
            String requester) {
        String name = secretName(tokenName, idempotencyKey);
        List<Tag> tags = new ArrayList<>();
        if (idempotencyKey != null) {
            tags.add(tag(TAG_REQUEST_ID, idempotencyKey));
        }
        if (requester != null) {
            tags.add(tag(TAG_REQUESTER, requester));
        }
        if (identifier != null) {
            tags.add(tag(TAG_IDENTIFIER, identifier));
        }
        String description = "Cluster token '" + tokenName + "'" + (identifier == null ? "" : " (" + identifier + ")")
                + " created by cluster-token-functions" + (requester == null ? "" : " for " + requester);
        try {
            CreateSecretResponse response = aws.secretsManager().createSecret(b -> b.name(name).secretString(secret)
                    .description(cut(description, 2048)).tags(tags));
            return new StoredSecret(response.arn(), response.name(), identifier, false);
        } catch (ResourceExistsException e) {
            return existing(name);
        } catch (SecretsManagerException e) {
            throw new StoreFailure("Secrets Manager refused to create secret " + name + ": " + code(e));
        } catch (SdkException e) {
            throw new StoreFailure("creating secret " + name + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + Secrets.redact(e.getMessage()) + ")"));
        }
    }

    private StoredSecret existing(String name) {
        try {
            var described = aws.secretsManager().describeSecret(b -> b.secretId(name));
            String earlier = described.tags().stream().filter(t -> TAG_IDENTIFIER.equals(t.key())).map(Tag::value)
                    .findFirst().orElse(null);
            return new StoredSecret(described.arn(), described.name(), earlier, true);
        } catch (SdkException e) {
            throw new StoreFailure("secret " + name + " already exists, and could not be described: "
                    + (e instanceof SecretsManagerException s ? code(s) : e.getClass().getSimpleName()));
        }
    }

    private static String code(SecretsManagerException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return (code == null ? "error" : code) + " (HTTP " + e.statusCode() + ")";
    }

    /** Tag values allow letters, digits, spaces and _.:/=+-@ only, at most 256 characters. */
    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(cut(value.replaceAll("[^\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]", "_"),
                MAX_TAG_VALUE)).build();
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
