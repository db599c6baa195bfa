package com.clustertokens.snapstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import com.clustertokens.aws.AwsConfig;
import com.clustertokens.cluster.ClusterConfig;
import com.clustertokens.hygiene.delivery.DeliveryConfig;
import com.clustertokens.remediation.RemediationConfig;
import com.clustertokens.rotation.RotationConfig;
import com.clustertokens.token.CreateTokenConfig;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Priming's settings: every destination is the stand-in, whatever is configured; every other setting is kept. */
class StandInSettingsTest {

    private static final URI STAND_IN = URI.create("http://127.0.0.1:41234");

    /** A deployment's settings, each destination a real one. */
    private static final Map<String, String> DEPLOYED = Map.ofEntries(
            Map.entry("dt.clusters", "[{\"name\":\"prod\",\"url\":\"https://prod.example.com\"}]"),
            Map.entry("dt.clusters-parameter", "/prod/registry"), Map.entry("dt.clusters-cache-ttl", "9m"),
            Map.entry("dt.cluster-url", "https://prod.example.com"),
            Map.entry("dt.api-token", "dt0c01.ABCDEFGHIJKLMNOPQRSTUVWX." + "a".repeat(64)),
            Map.entry("dt.api-token-secret-arn", "arn:aws:secretsmanager:eu-central-1:123456789012:secret:prod"),
            Map.entry("dt.connect-timeout", "40s"), Map.entry("dt.read-timeout", "50s"),
            Map.entry("dt.tls-configuration-name", "prod-ca"), Map.entry("dt.retry.max-attempts", "7"),
            Map.entry("dt.retry.initial-backoff", "2s"), Map.entry("dt.retry.max-backoff", "30s"),
            Map.entry("aws.region", "eu-central-1"), Map.entry("aws.endpoint-url", "https://aws.example.com"),
            Map.entry("aws.dynamodb.endpoint-url", "https://dynamodb.example.com"),
            Map.entry("aws.sns.endpoint-url", "https://sns.example.com"),
            Map.entry("aws.secretsmanager.endpoint-url", "https://secrets.example.com"),
            Map.entry("aws.ssm.endpoint-url", "https://ssm.example.com"),
            Map.entry("aws.s3.endpoint-url", "https://s3.example.com"), Map.entry("aws.s3.path-style", "false"),
            Map.entry("aws.scheduler.endpoint-url", "https://scheduler.example.com"),
            Map.entry("remediation.ledger-table", "prod-ledger"), Map.entry("remediation.max-actions", "7"),
            Map.entry("rotation.schedule-group", "prod-rotation"), Map.entry("rotation.grace", "P3D"),
            Map.entry("rotation.follow-up-arn", "arn:aws:lambda:eu-central-1:123456789012:function:prod-follow-up"),
            Map.entry("rotation.scheduler-role-arn", "arn:aws:iam::123456789012:role/prod-scheduler"),
            Map.entry("aws.stand-in-credentials.access-key-id", "AKIDREAL"),
            Map.entry("aws.stand-in-credentials.secret-access-key", "real-secret"),
            Map.entry("aws.secret-cache-ttl", "7m"), Map.entry("create-token.secret-prefix", "prod/"),
            Map.entry("create-token.aws-calls-time", "12s"), Map.entry("create-token.idempotency-table", "prod-ids"),
            Map.entry("create-token.idempotency-ttl", "P3D"), Map.entry("create-token.idempotency-lock", "4m"),
            Map.entry("create-token.reconcile-clock-skew", "45s"),
            Map.entry("hygiene.sns-topic-arn", "arn:aws:sns:eu-central-1:123456789012:prod"),
            Map.entry("hygiene.slack-webhook-url", "https://hooks.example.com/services/T1/B1/SECRET"),
            Map.entry("hygiene.slack-webhook-secret-arn", "arn:aws:secretsmanager:eu-central-1:1:secret:hook"),
            Map.entry("hygiene.run-table", "prod-runs"));

    @Test
    void everyDestinationOfTheClusterIsTheStandInAndItsOtherSettingsAreTheConfiguredOnes() {
        ClusterConfig cluster = settings(DEPLOYED).get(ClusterConfig.class);

        assertThat(cluster.clusterUrl()).contains(STAND_IN.toString());
        assertThat(cluster.clusters()).isEmpty();
        assertThat(cluster.clustersParameter()).isEmpty();
        assertThat(cluster.apiToken()).isEmpty();
        assertThat(cluster.apiTokenSecretArn()).contains(
                "arn:aws:secretsmanager:eu-central-1:000000000000:secret:snapstart-priming/api-token");
        assertThat(cluster.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(cluster.readTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(cluster.retry().maxAttempts()).isEqualTo(1);
        assertThat(cluster.retry().initialBackoff()).isEqualTo(Duration.ofSeconds(2));
        assertThat(cluster.retry().maxBackoff()).isEqualTo(Duration.ofSeconds(30));
        assertThat(cluster.clustersCacheTtl()).isEqualTo(Duration.ofMinutes(9));
        assertThat(cluster.tlsConfigurationName()).isEqualTo("prod-ca");
    }

    @Test
    void everyAwsServiceIsTheStandInWithItsOwnCredentialsInTheConfiguredRegion() {
        AwsConfig aws = settings(DEPLOYED).get(AwsConfig.class);

        assertThat(aws.endpointUrl()).contains(STAND_IN);
        assertThat(aws.region()).contains("eu-central-1");
        assertThat(aws.standInCredentials().accessKeyId()).contains("SNAPSTARTPRIMING");
        assertThat(aws.standInCredentials().secretAccessKey()).contains("snapstart-priming");
        assertThat(java.util.List.of(aws.sns(), aws.secretsmanager(), aws.dynamodb(), aws.ssm(), aws.s3(),
                aws.scheduler()))
                .allSatisfy(service -> assertThat(service.endpointUrl()).isEmpty());
        assertThat(aws.s3().pathStyle()).isTrue();
        assertThat(aws.secretCacheTtl()).isEqualTo(Duration.ofMinutes(7));
    }

    @Test
    void createTokenRecordsInTheStandInsTableAndKeepsItsTimes() {
        CreateTokenConfig create = settings(DEPLOYED).get(CreateTokenConfig.class);

        assertThat(create.idempotencyTable()).contains("snapstart-priming");
        assertThat(create.secretPrefix()).isEqualTo("prod/");
        assertThat(create.awsCallsTime()).isEqualTo(Duration.ofSeconds(12));
        assertThat(create.idempotencyTtl()).isEqualTo(Duration.ofDays(3));
        assertThat(create.idempotencyLock()).isEqualTo(Duration.ofMinutes(4));
        assertThat(create.reconcileClockSkew()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void rotationsRecordInTheStandInsLedgerAndScheduleTheStandInsFollowUpWithItsRoleAndKeepTheirPolicy() {
        StandInSettings settings = settings(DEPLOYED);
        RemediationConfig remediation = settings.get(RemediationConfig.class);
        RotationConfig rotation = settings.get(RotationConfig.class);

        assertThat(remediation.ledgerTable()).contains("snapstart-priming");
        assertThat(remediation.maxActions()).isEqualTo(7);
        assertThat(rotation.scheduleGroup()).contains("snapstart-priming");
        assertThat(rotation.followUpArn()).contains("arn:aws:lambda:eu-central-1:000000000000:function:"
                + "snapstart-priming");
        assertThat(rotation.schedulerRoleArn()).contains("arn:aws:iam::000000000000:role/snapstart-priming");
        assertThat(rotation.grace()).isEqualTo("P3D");
    }

    @Test
    void staleTokensDeliversToTheStandInsTopicAndWebhookOnly() {
        DeliveryConfig delivery = settings(DEPLOYED).get(DeliveryConfig.class);

        assertThat(delivery.snsTopicArn()).contains("arn:aws:sns:eu-central-1:000000000000:snapstart-priming");
        assertThat(delivery.slackWebhookUrl()).isEmpty();
        assertThat(delivery.slackWebhookSecretArn()).contains(
                "arn:aws:secretsmanager:eu-central-1:000000000000:secret:snapstart-priming/webhook");
        assertThat(delivery.runTable()).contains("snapstart-priming");
    }

    @Test
    void withoutAConfiguredRegionTheArnsNameTheClientsDefaultAndTheDefaultsStand() {
        StandInSettings settings = settings(Map.of());

        assertThat(settings.get(AwsConfig.class).region()).isEmpty();
        assertThat(settings.get(ClusterConfig.class).apiTokenSecretArn()).contains(
                "arn:aws:secretsmanager:us-east-1:000000000000:secret:snapstart-priming/api-token");
        assertThat(settings.get(ClusterConfig.class).retry().initialBackoff()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.get(CreateTokenConfig.class).idempotencyTtl()).isEqualTo(Duration.ofDays(7));
        assertThat(settings.get(AwsConfig.class).secretCacheTtl()).isEqualTo(Duration.ofMinutes(5));
    }

    private static StandInSettings settings(Map<String, String> configured) {
        Config config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(new HashMap<>(
                configured), "deployed", 250)).build();
        return new StandInSettings(config, STAND_IN);
    }

}
