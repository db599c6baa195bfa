package com.clustertokens.snapstart;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import com.clustertokens.aws.AwsConfig;
import com.clustertokens.cluster.ClusterConfig;
import com.clustertokens.hygiene.delivery.DeliveryConfig;
import com.clustertokens.token.CreateTokenConfig;

/**
 * The functions' settings as priming sees them: every place a call could go (cluster URL, API token and its secret,
 * AWS endpoint and credentials, tables, topic, webhook) is the stand-in; every other setting is the configured one,
 * so the code runs as it will for real. Nothing here can name the configured cluster or AWS.
 */
final class StandInSettings {

    /** Priming never waits long: the stand-in answers at once, and init must not hang on a mistake. */
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String ACCOUNT = ":000000000000:";
    private static final String NAME = "snapstart-priming";

    private StandInSettings() {
    }

    static String apiTokenArn(String region) {
        return "arn:aws:secretsmanager:" + region + ACCOUNT + "secret:" + NAME + "/api-token";
    }

    static String webhookSecretArn(String region) {
        return "arn:aws:secretsmanager:" + region + ACCOUNT + "secret:" + NAME + "/webhook";
    }

    static ClusterConfig cluster(ClusterConfig real, URI standIn, String region) {
        ClusterConfig.Retry once = new ClusterConfig.Retry() {
            @Override
            public int maxAttempts() {
                return 1;
            }

            @Override
            public Duration initialBackoff() {
                return real.retry().initialBackoff();
            }

            @Override
            public Duration maxBackoff() {
                return real.retry().maxBackoff();
            }
        };
        return new ClusterConfig() {
            @Override
            public Optional<String> clusters() {
                return Optional.empty();
            }

            @Override
            public Optional<String> clustersParameter() {
                return Optional.empty();
            }

            @Override
            public Duration clustersCacheTtl() {
                return real.clustersCacheTtl();
            }

            @Override
            public Optional<String> clusterUrl() {
                return Optional.of(standIn.toString());
            }

            @Override
            public Optional<String> apiToken() {
                return Optional.empty();
            }

            @Override
            public Optional<String> apiTokenSecretArn() {
                return Optional.of(apiTokenArn(region));
            }

            @Override
            public Duration connectTimeout() {
                return TIMEOUT;
            }

            @Override
            public Duration readTimeout() {
                return TIMEOUT;
            }

            @Override
            public String tlsConfigurationName() {
                return real.tlsConfigurationName();
            }

            @Override
            public Retry retry() {
                return once;
            }
        };
    }

    static AwsConfig aws(AwsConfig real, URI standIn) {
        AwsConfig.Service sameEndpoint = Optional::empty;
        AwsConfig.StandInCredentials keys = new AwsConfig.StandInCredentials() {
            @Override
            public Optional<String> accessKeyId() {
                return Optional.of("SNAPSTARTPRIMING");
            }

            @Override
            public Optional<String> secretAccessKey() {
                return Optional.of(NAME);
            }
        };
        return new AwsConfig() {
            @Override
            public Optional<String> region() {
                return real.region();
            }

            @Override
            public Optional<URI> endpointUrl() {
                return Optional.of(standIn);
            }

            @Override
            public StandInCredentials standInCredentials() {
                return keys;
            }

            @Override
            public Service sns() {
                return sameEndpoint;
            }

            @Override
            public Service secretsmanager() {
                return sameEndpoint;
            }

            @Override
            public Service dynamodb() {
                return sameEndpoint;
            }

            @Override
            public Service ssm() {
                return sameEndpoint;
            }

            @Override
            public S3 s3() {
                return new S3() {
                    @Override
                    public Optional<URI> endpointUrl() {
                        return Optional.empty();
                    }

                    @Override
                    public boolean pathStyle() {
                        return true;
                    }
                };
            }

            @Override
            public Duration secretCacheTtl() {
                return real.secretCacheTtl();
            }
        };
    }

    static CreateTokenConfig createToken(CreateTokenConfig real) {
        return new CreateTokenConfig() {
            @Override
            public String secretPrefix() {
                return real.secretPrefix();
            }

            @Override
            public Duration awsCallsTime() {
                return real.awsCallsTime();
            }

            @Override
            public Optional<String> idempotencyTable() {
                return Optional.of(NAME);
            }

            @Override
            public Duration idempotencyTtl() {
                return real.idempotencyTtl();
            }

            @Override
            public Duration idempotencyLock() {
                return real.idempotencyLock();
            }

            @Override
            public Duration reconcileClockSkew() {
                return real.reconcileClockSkew();
            }
        };
    }

    static DeliveryConfig delivery(String region) {
        return new DeliveryConfig() {
            @Override
            public Optional<String> snsTopicArn() {
                return Optional.of("arn:aws:sns:" + region + ACCOUNT + NAME);
            }

            @Override
            public Optional<String> slackWebhookUrl() {
                return Optional.empty();
            }

            @Override
            public Optional<String> slackWebhookSecretArn() {
                return Optional.of(webhookSecretArn(region));
            }

            @Override
            public Optional<String> runTable() {
                return Optional.of(NAME);
            }
        };
    }
}
