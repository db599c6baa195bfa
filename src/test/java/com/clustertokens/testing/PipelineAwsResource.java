package com.clustertokens.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The AWS services create-token's pipelines use, started by the test itself: DynamoDB Local (in-process, in memory)
 * with the idempotency table, and WireMock speaking Secrets Manager's JSON protocol. Stand-in credentials, which
 * AwsClients accepts only with an endpoint override.
 */
public class PipelineAwsResource implements QuarkusTestResourceLifecycleManager {

    public static final String TABLE = "cluster-tokens-idempotency";
    public static final String REGION = "eu-west-1";
    public static final String ACCESS_KEY = "AKIDPIPELINESTANDIN";
    private static final String SECRET_KEY = "pipeline-test-secret-access-key";

    private DynamoDbLocal dynamoDb;
    private WireMockServer secretsManager;

    @Override
    public Map<String, String> start() {
        dynamoDb = DynamoDbLocal.start();
        String dynamoDbUrl = dynamoDb.url();
        // As infra/template.yaml declares it: hash key idempotencyKey, on demand (TTL is not enforced locally).
        dynamoDb.createTable(TABLE, "idempotencyKey");
        secretsManager = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        secretsManager.start();
        return Map.of("aws.region", REGION,
                "aws.dynamodb.endpoint-url", dynamoDbUrl,
                "aws.secretsmanager.endpoint-url", secretsManager.baseUrl(),
                "aws.stand-in-credentials.access-key-id", ACCESS_KEY,
                "aws.stand-in-credentials.secret-access-key", SECRET_KEY,
                "create-token.idempotency-table", TABLE);
    }

    /** A client of DynamoDB Local for the tests' own reads. */
    public static DynamoDbClient client(String endpoint) {
        return DynamoDbLocal.client(endpoint);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(secretsManager,
                new TestInjector.AnnotatedAndMatchesType(InjectSecretsManager.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (secretsManager != null) {
            secretsManager.stop();
        }
        if (dynamoDb != null) {
            dynamoDb.close();
        }
    }
}
