package com.clustertokens.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.clustertokens.aws.AwsClients;
import com.clustertokens.aws.AwsFailures;
import com.clustertokens.cluster.ClusterTokenClient;
import com.clustertokens.cluster.RegisteredCluster;
import com.clustertokens.error.TokenNotFoundException;
import com.clustertokens.security.Secrets;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * Stores a created token's secret in a new Secrets Manager secret named from the token and the idempotency key, so
 * every attempt of one request uses one secret (docs/create-token-reliability.md); its tags tell it from another
 * request's and name the token it holds, so a secret whose token still exists is never overwritten.
 */
@ApplicationScoped
public class TokenSecretStore {

    static final String TAG_REQUEST_ID = "cluster-tokens:request-id";
    static final String TAG_REQUESTER = "cluster-tokens:requester";
    public static final String TAG_IDENTIFIER = "cluster-tokens:token-identifier";
    static final String TAG_FINGERPRINT = "cluster-tokens:request-fingerprint";
    public static final String TAG_CLUSTER = "cluster-tokens:cluster";
    public static final String TAG_TOKEN_ID = "cluster-tokens:token-id";

    /** Secrets Manager's longest name, less room for the suffix. */
    private static final int MAX_NAME = 512;

    private final AwsClients aws;
    private final CreateTokenConfig config;

    /** Where the secret is, the token it holds (id null when not known); {@code replaced}: an earlier one reused. */
    public record StoredSecret(String arn, String identifier, String tokenId, boolean replaced) {
    }

    /** The token's secret, its cluster id (null when its lookup failed) and what the secret's name and tags say. */
    public record SecretToStore(String secret, String identifier, String tokenId, String tokenName,
            String idempotencyKey, String fingerprint, String requester) {
    }

    /**
     * The secret was not stored (the reason never holds it); create-token takes the token back and reports a
     * TokenStorageFailedException. {@code permanent}: this request can never be stored under this name.
     */
    public static final class NotStored extends RuntimeException {

        private final boolean permanent;

        NotStored(String reason, boolean permanent) {
            super(reason, null, false, false);
            this.permanent = permanent;
        }

        public boolean permanent() {
            return permanent;
        }
    }

    public TokenSecretStore(AwsClients aws, CreateTokenConfig config) {
        this.aws = aws;
        this.config = config;
    }

    /**
     * The secret's name for a token name and idempotency key (null key: a random suffix), under a folder of the
     * cluster's name in a fleet: the same request for two clusters stores two secrets.
     */
    String secretName(RegisteredCluster cluster, String tokenName, String idempotencyKey) {
        String suffix = idempotencyKey == null
                ? UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                : sha256(cluster.scope(idempotencyKey)).substring(0, 12);
        String prefix = config.secretPrefix() + (cluster.isDefault() ? "" : cluster.name() + "/");
        String cleaned = tokenName.replaceAll("[^A-Za-z0-9/_+=.@-]", "_");
        int room = MAX_NAME - prefix.length() - suffix.length() - 1;
        if (cleaned.length() > room) {
            cleaned = cleaned.substring(0, Math.max(0, room));
        }
        return prefix + cleaned + "-" + suffix;
    }

    /**
     * Creates the secret. A secret of the same name left by an earlier attempt of the same request (same fingerprint)
     * takes the new value when the token it holds no longer exists (that attempt lost it); one whose token still
     * exists (or cannot be told), one of another request, or one scheduled for deletion, is never touched:
     * {@link NotStored#permanent()}.
     */
    public StoredSecret store(ClusterTokenClient cluster, SecretToStore what) {
        String name = secretName(cluster.cluster(), what.tokenName(), what.idempotencyKey());
        List<Tag> tags = SecretTags.of(TAG_CLUSTER, cluster.clusterName(), TAG_REQUEST_ID, what.idempotencyKey(),
                TAG_FINGERPRINT, what.fingerprint(), TAG_REQUESTER, what.requester(), TAG_IDENTIFIER,
                what.identifier(), TAG_TOKEN_ID, what.tokenId());
        String description = "Cluster token '" + what.tokenName() + "'" + (what.identifier() == null
                ? ""
                : " (" + what.identifier() + ")") + " created by cluster-token-functions"
                + (what.requester() == null ? "" : " for " + what.requester());
        try {
            // Half the reserve stays for taking the token back should the secret not be stored in time.
            CreateSecretResponse response = aws.secretsManager().createSecret(b -> b.name(name)
                    .secretString(what.secret()).description(SecretTags.cut(description, 2048)).tags(tags)
                    .overrideConfiguration(aws.withinBudget(config.awsCallsTime().dividedBy(2))));
            CreatedSecretRotation.turnOn(aws, config, response.arn());
            return new StoredSecret(response.arn(), what.identifier(), what.tokenId(), false);
        } catch (ResourceExistsException e) {
            return replaceStale(cluster, name, what);
        } catch (SdkException e) {
            throw new NotStored(describe("create secret " + name, e), false);
        }
    }

    /** The secret of this request to {@code cluster}, when one exists and is not scheduled for deletion. */
    public Optional<StoredSecret> find(RegisteredCluster cluster, String tokenName, String idempotencyKey,
            String fingerprint) {
        String name = secretName(cluster, tokenName, idempotencyKey);
        DescribeSecretResponse described;
        try {
            described = aws.secretsManager().describeSecret(b -> b.secretId(name)
                    .overrideConfiguration(aws.withinBudget()));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw new NotStored(describe("describe secret " + name, e), false);
        }
        if (described.deletedDate() != null || !fingerprint.equals(SecretTags.valueOf(described, TAG_FINGERPRINT))) {
            return Optional.empty();
        }
        return Optional.of(new StoredSecret(described.arn(), SecretTags.valueOf(described, TAG_IDENTIFIER),
                SecretTags.valueOf(described, TAG_TOKEN_ID), false));
    }

    /** The id of the token the secret at {@code arn} holds, as its tag names it; empty when not tagged. */
    public Optional<String> tokenIdOf(String arn) {
        try {
            return Optional.ofNullable(SecretTags.valueOf(aws.secretsManager().describeSecret(b -> b.secretId(arn)
                    .overrideConfiguration(aws.withinBudget())), TAG_TOKEN_ID));
        } catch (SdkException e) {
            throw new NotStored(describe("describe secret " + arn, e), false);
        }
    }

    private StoredSecret replaceStale(ClusterTokenClient cluster, String name, SecretToStore what) {
        DescribeSecretResponse described;
        try {
            described = aws.secretsManager().describeSecret(b -> b.secretId(name)
                    .overrideConfiguration(aws.withinBudget()));
        } catch (SdkException e) {
            throw new NotStored(describe("describe secret " + name + ", which already exists,", e), false);
        }
        if (described.deletedDate() != null) {
            throw new NotStored("secret " + name + " is scheduled for deletion (since " + described.deletedDate()
                    + "): restore it (aws secretsmanager restore-secret) or wait until it is deleted, or send the "
                    + "request with a new idempotency key", true);
        }
        if (what.fingerprint() == null || !what.fingerprint().equals(SecretTags.valueOf(described, TAG_FINGERPRINT))) {
            throw new NotStored("secret " + name + " belongs to a different request (its idempotency key was used "
                    + "before, and that request's record has expired): send this request with a new idempotency key",
                    true);
        }
        requireTokenGone(cluster, name, described, what);
        List<Tag> tags = SecretTags.of(TAG_TOKEN_ID, what.tokenId(), TAG_IDENTIFIER, what.identifier());
        try {
            // Tags first: a secret whose value outlived its tags would name a token it no longer holds.
            aws.secretsManager().tagResource(b -> b.secretId(described.arn()).tags(tags)
                    .overrideConfiguration(aws.withinBudget()));
            aws.secretsManager().putSecretValue(b -> b.secretId(described.arn()).secretString(what.secret())
                    .overrideConfiguration(aws.withinBudget()));
        } catch (SdkException e) {
            throw new NotStored(describe("replace the stale value of secret " + name, e), false);
        }
        return new StoredSecret(described.arn(), what.identifier(), what.tokenId(), true);
    }

    /**
     * Refuses to overwrite a secret unless the token it holds is proven gone: a key reused after its record expired
     * meets the secret of a token made under it then, which may well be in use.
     */
    private static void requireTokenGone(ClusterTokenClient cluster, String name, DescribeSecretResponse described,
            SecretToStore what) {
        String heldId = SecretTags.valueOf(described, TAG_TOKEN_ID);
        String held = SecretTags.valueOf(described, TAG_IDENTIFIER);
        String which = "secret " + name + " holds " + (held == null ? "a token" : "token " + held);
        if (heldId == null) {
            throw new NotStored(which + " that an earlier request with this idempotency key stored, "
                    + "and does not name its id, so whether it still exists cannot be told; the secret is not "
                    + "overwritten: send this request with a new idempotency key", true);
        }
        if (what.tokenId() == null) {
            throw new NotStored("the new token's id could not be looked up, so " + name + " would "
                    + "not name the token it holds", false);
        }
        try {
            cluster.metadata(heldId);
        } catch (TokenNotFoundException gone) {
            return;
        } catch (RuntimeException e) {
            throw new NotStored("could not find out whether token id " + heldId + ", which secret "
                    + name + " holds, still exists: " + Secrets.redact(String.valueOf(e.getMessage())), false);
        }
        throw new NotStored(which + " (id " + heldId + "), which still exists: an earlier request "
                + "with this idempotency key stored it there, and its record has expired (CREATE_TOKEN_IDEMPOTENCY_TTL). "
                + "A secret holding a live token is never overwritten: read that token from the secret if it is the "
                + "one wanted, or send this request with a new idempotency key", true);
    }

    /** AWS's refusal or failure of {@code action} ("create secret x"), by its error code, never a value. */
    private static String describe(String action, SdkException e) {
        return (e instanceof SecretsManagerException
                ? "Secrets Manager refused to " + action + ": "
                : "the call to " + action + " failed: ") + AwsFailures.describe(e);
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
