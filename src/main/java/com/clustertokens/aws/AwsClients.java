package com.clustertokens.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.clustertokens.error.ConfigurationException;
import com.clustertokens.lambda.Deadline;
import com.clustertokens.lambda.InvocationBudget;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The AWS SDK clients, each built at its first use: building them at start-up would slow every cold start, also
 * of functions that never call AWS. Credentials come from the SDK's default chain (the Lambda role in production);
 * static stand-in credentials are accepted only with an endpoint override (tests, LocalStack).
 */
@ApplicationScoped
public class AwsClients {

    static final String DEFAULT_REGION = "us-east-1";

    /** The longest any one AWS call may take, its SDK retries included, when no invocation deadline is nearer. */
    static final Duration MAX_CALL = Duration.ofSeconds(20);
    /** The shortest call limit given, so a call at the very deadline fails at once instead of hanging. */
    private static final Duration MIN_CALL = Duration.ofMillis(50);

    private final AwsConfig config;
    private final InvocationBudget budget;
    private final Map<Class<?>, SdkAutoCloseable> built = new ConcurrentHashMap<>();

    public AwsClients(AwsConfig config, InvocationBudget budget) {
        this.config = config;
        this.budget = budget;
    }

    public SnsClient sns() {
        return client(SnsClient.class, () -> build(SnsClient.builder(), config.sns().endpointUrl()));
    }

    public SecretsManagerClient secretsManager() {
        return client(SecretsManagerClient.class, () -> build(SecretsManagerClient.builder(),
                config.secretsmanager().endpointUrl()));
    }

    public DynamoDbClient dynamoDb() {
        return client(DynamoDbClient.class, () -> build(DynamoDbClient.builder(), config.dynamodb().endpointUrl()));
    }

    public SsmClient ssm() {
        return client(SsmClient.class, () -> build(SsmClient.builder(), config.ssm().endpointUrl()));
    }

    public SchedulerClient scheduler() {
        return client(SchedulerClient.class, () -> build(SchedulerClient.builder(), config.scheduler().endpointUrl()));
    }

    public S3Client s3() {
        return client(S3Client.class, () -> build(S3Client.builder().forcePathStyle(config.s3().pathStyle()),
                config.s3().endpointUrl()));
    }

    private <C extends SdkAutoCloseable> C client(Class<C> type, Supplier<C> factory) {
        return type.cast(built.computeIfAbsent(type, t -> factory.get()));
    }

    /**
     * Per-call limits for one AWS request: the whole call, the SDK's own retries included, ends within the
     * invocation's time left (and within {@link #MAX_CALL}), so Lambda never stops the invocation mid-call.
     */
    public AwsRequestOverrideConfiguration withinBudget() {
        return withinBudget(budget.deadline(), Duration.ZERO);
    }

    /** Keeping {@code keep} of the time left for what must follow a failed call. */
    public AwsRequestOverrideConfiguration withinBudget(Duration keep) {
        return withinBudget(budget.deadline(), keep);
    }

    /** Against {@code deadline}: for an invocation's work on a thread of its own. */
    public AwsRequestOverrideConfiguration withinBudget(Deadline deadline, Duration keep) {
        return AwsRequestOverrideConfiguration.builder().apiCallTimeout(deadline.cap(MAX_CALL, keep, MIN_CALL)).build();
    }

    public Region region() {
        return Region.of(config.region().filter(r -> !r.isBlank()).orElse(DEFAULT_REGION));
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder,
            Optional<URI> serviceEndpoint) {
        Optional<URI> endpoint = serviceEndpoint.or(config::endpointUrl);
        builder.region(region())
                .credentialsProvider(credentials(endpoint.isPresent()))
                .overrideConfiguration(o -> o.apiCallTimeout(MAX_CALL))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(20)));
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private AwsCredentialsProvider credentials(boolean standIn) {
        AwsConfig.StandInCredentials given = config.standInCredentials();
        if (given.accessKeyId().isEmpty() && given.secretAccessKey().isEmpty()) {
            return DefaultCredentialsProvider.builder().build();
        }
        if (!standIn) {
            throw new ConfigurationException("aws.stand-in-credentials are only for a local stand-in of AWS: set "
                    + "AWS_ENDPOINT_URL too, or remove them and let the function use its role");
        }
        if (given.accessKeyId().isEmpty() || given.secretAccessKey().isEmpty()) {
            throw new ConfigurationException("aws.stand-in-credentials need both access-key-id and "
                    + "secret-access-key");
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(given.accessKeyId().get(),
                given.secretAccessKey().get()));
    }

    /**
     * Closes the clients built so far; the next use builds them afresh. At shutdown, after a SnapStart restore (no
     * connection of the snapshot is reused), and to end clients built for a stand-in.
     */
    @PreDestroy
    public void close() {
        built.keySet().forEach(type -> Optional.ofNullable(built.remove(type)).ifPresent(SdkAutoCloseable::close));
    }
}
