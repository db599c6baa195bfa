package com.clustertokens.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The AWS services create-token's pipelines use, started by the test itself: moto (a local process) serving
 * DynamoDB with the idempotency table, and WireMock speaking Secrets Manager's JSON protocol. Stand-in credentials,
 * which AwsClients accepts only with an endpoint override.
 */
public class PipelineAwsResource implements QuarkusTestResourceLifecycleManager, NeedsMotoServer {

    public static final String TABLE = "cluster-tokens-idempotency";
    public static final String REGION = "eu-west-1";
    public static final String ACCESS_KEY = "AKIDPIPELINESTANDIN";
    private static final String SECRET_KEY = "pipeline-test-secret-access-key";

    private MotoServer moto;
    private WireMockServer secretsManager;

    @Override
    public Map<String, String> start() {
        moto = MotoServer.start();
        // As infra/template.yaml declares it: hash key idempotencyKey, on demand (moto expires nothing by TTL).
        moto.createTable(TABLE, "idempotencyKey");
        secretsManager = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
                .extensions(new AnswerGate.Listener()));
        secretsManager.start();
        return Map.of("aws.region", REGION,
                "aws.dynamodb.endpoint-url", moto.url(),
                "aws.secretsmanager.endpoint-url", secretsManager.baseUrl(),
                "aws.stand-in-credentials.access-key-id", ACCESS_KEY,
                "aws.stand-in-credentials.secret-access-key", SECRET_KEY,
                "create-token.idempotency-table", TABLE);
    }

    /** A client of the DynamoDB stand-in at {@code endpoint} (aws.dynamodb.endpoint-url) for the tests' own reads. */
    public static DynamoDbClient client(String endpoint) {
        return MotoServer.dynamoDb(endpoint);
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
        if (moto != null) {
            moto.close();
        }
    }
}
