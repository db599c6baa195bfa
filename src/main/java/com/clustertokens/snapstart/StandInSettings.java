package com.clustertokens.snapstart;

import static java.util.Map.entry;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigSource;

import com.clustertokens.aws.AwsConfig;
import com.clustertokens.cluster.ClusterConfig;
import com.clustertokens.hygiene.delivery.DeliveryConfig;
import com.clustertokens.remediation.RemediationConfig;
import com.clustertokens.rotation.RotationConfig;
import com.clustertokens.token.CreateTokenConfig;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The functions' settings as priming sees them: every place a call could go (cluster URL, API token and its secret,
 * AWS endpoint and credentials, tables, topic, webhook, the rotations' schedule group, target and role) is the stand-in; every other setting is the configured one,
 * so the code runs as it will for real. The stand-in's values outrank every configured source, and an empty one
 * unsets the property: nothing here can name the configured cluster or AWS.
 */
final class StandInSettings {

    private static final String NAME = "snapstart-priming";
    /** The configured region, as the AWS clients default it; the stand-in answers in any. */
    private static final String ARN = ":${aws.region:us-east-1}:000000000000:";
    static final String API_TOKEN_ARN = "arn:aws:secretsmanager" + ARN + "secret:" + NAME + "/api-token";
    static final String WEBHOOK_ARN = "arn:aws:secretsmanager" + ARN + "secret:" + NAME + "/webhook";
    static final String FOLLOW_UP_ARN = "arn:aws:lambda" + ARN + "function:" + NAME;
    static final String ROLE_ARN = "arn:aws:iam::000000000000:role/" + NAME;
    /** Priming never waits long: the stand-in answers at once, and init must not hang on a mistake. */
    private static final String TIMEOUT = "5s";

    private final SmallRyeConfig config;

    StandInSettings(Config configured, URI standIn) {
        String url = standIn.toString();
        Map<String, String> values = Map.ofEntries(entry("dt.clusters", ""), entry("dt.clusters-parameter", ""),
                entry("dt.cluster-url", url), entry("dt.api-token", ""), entry("dt.api-token-secret-arn",
                        API_TOKEN_ARN), entry("dt.connect-timeout", TIMEOUT), entry("dt.read-timeout", TIMEOUT),
                entry("dt.retry.max-attempts", "1"), entry("aws.endpoint-url", url),
                entry("aws.stand-in-credentials.access-key-id", "SNAPSTARTPRIMING"),
                entry("aws.stand-in-credentials.secret-access-key", NAME), entry("aws.sns.endpoint-url", ""),
                entry("aws.secretsmanager.endpoint-url", ""), entry("aws.dynamodb.endpoint-url", ""),
                entry("aws.ssm.endpoint-url", ""), entry("aws.scheduler.endpoint-url", ""),
                entry("aws.s3.endpoint-url", ""), entry("aws.s3.path-style", "true"),
                entry("create-token.idempotency-table", NAME), entry("create-token.rotate-after-days", "0"), entry(
                        "hygiene.sns-topic-arn", "arn:aws:sns" + ARN
                                + NAME), entry("hygiene.slack-webhook-url", ""), entry(
                                        "hygiene.slack-webhook-secret-arn",
                                        WEBHOOK_ARN), entry("hygiene.run-table", NAME),
                entry("remediation.ledger-table", NAME), entry("rotation.schedule-group", NAME),
                entry("rotation.follow-up-arn", FOLLOW_UP_ARN), entry("rotation.scheduler-role-arn", ROLE_ARN));
        // Quarkus's own converter: the settings' durations are written as Quarkus reads them ("5s" as well as "PT5S").
        config = new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(values, NAME, Integer.MAX_VALUE), new Configured(configured))
                .withMapping(ClusterConfig.class).withMapping(AwsConfig.class).withMapping(CreateTokenConfig.class)
                .withMapping(DeliveryConfig.class).withMapping(RemediationConfig.class)
                .withMapping(RotationConfig.class).withValidateUnknown(false).build();
    }

    /** The {@code mapping} (one of the six above) with the stand-in's values. */
    <T> T get(Class<T> mapping) {
        return config.getConfigMapping(mapping);
    }

    /** The application's configuration as one source, its profiles, expressions and environment names resolved. */
    private record Configured(Config config) implements ConfigSource {

        @Override
        public Set<String> getPropertyNames() {
            Set<String> names = new HashSet<>();
            config.getPropertyNames().forEach(names::add);
            return names;
        }

        @Override
        public String getValue(String name) {
            return config.getOptionalValue(name, String.class).orElse(null);
        }

        @Override
        public String getName() {
            return "configured";
        }
    }
}
