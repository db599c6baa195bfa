package com.clustertokens.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.clustertokens.cluster.ExpiresIn;
import com.clustertokens.cluster.TokenScope;
import com.clustertokens.testing.Exports;
import com.clustertokens.token.CreateTokenRequest;
import com.clustertokens.token.Delivery;
import com.clustertokens.token.Origin;
import com.clustertokens.token.TokenService;

import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** A secret create-token stored, and a rotation of it started as Secrets Manager starts one, on moto. */
public final class SecretRotations {

    private SecretRotations() {
    }

    /** Exports rotate-secret, as QUARKUS_FUNQY_EXPORT does on its Lambda. */
    public static class RotateSecret extends Exports.Export {
        public RotateSecret() {
            super("rotate-secret", Map.of());
        }
    }

    /** A token create-token made and stored, as it does for a pipeline: its secret's ARN. */
    public static String createdSecret(TokenService tokens, String name, ExpiresIn expiresIn) {
        return tokens.create(new CreateTokenRequest(null, name, List.of(TokenScope.SETTINGS_READ), expiresIn,
                "setup-" + UUID.randomUUID(), "pipeline", Delivery.SECRETS_MANAGER, null), Origin.direct())
                .secretArn();
    }

    /**
     * What RotateSecret leaves before it calls the function: a new version id labelled AWSPENDING, without a value,
     * and AWSCURRENT where it was. moto's RotateSecret without a Lambda labels the new version AWSCURRENT at once, so
     * the labels are moved back.
     */
    public static String start(SecretsManagerClient secrets, String arn) {
        String old = versionLabelled(secrets, arn, "AWSCURRENT");
        String version = UUID.randomUUID().toString();
        secrets.rotateSecret(b -> b.secretId(arn).clientRequestToken(version));
        secrets.updateSecretVersionStage(b -> b.secretId(arn).versionStage("AWSCURRENT").moveToVersionId(old)
                .removeFromVersionId(version));
        secrets.updateSecretVersionStage(b -> b.secretId(arn).versionStage("AWSPREVIOUS").removeFromVersionId(
                version));
        secrets.updateSecretVersionStage(b -> b.secretId(arn).versionStage("AWSPENDING").moveToVersionId(version));
        assertThat(stages(secrets, arn)).containsEntry(old, List.of("AWSCURRENT")).containsEntry(version,
                List.of("AWSPENDING"));
        return version;
    }

    /** A client of the Secrets Manager stand-in of {@link RotationAwsResource}. */
    public static SecretsManagerClient secretsManager() {
        return RotationAwsResource.secretsManager();
    }

    public static Map<String, List<String>> stages(SecretsManagerClient secrets, String arn) {
        return secrets.describeSecret(b -> b.secretId(arn)).versionIdsToStages();
    }

    public static String versionLabelled(SecretsManagerClient secrets, String arn, String stage) {
        return stages(secrets, arn).entrySet().stream().filter(e -> e.getValue().contains(stage)).findFirst()
                .orElseThrow().getKey();
    }
}
