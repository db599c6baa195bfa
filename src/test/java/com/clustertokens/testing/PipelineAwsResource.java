package com.clustertokens.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

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

    private static final Map<DynamoDBProxyServer, Integer> PORTS = new java.util.concurrent.ConcurrentHashMap<>();

    private DynamoDBProxyServer dynamoDb;
    private WireMockServer secretsManager;

    @Override
    public Map<String, String> start() {
        dynamoDb = startDynamoDbLocal();
        String dynamoDbUrl = endpoint(dynamoDb);
        secretsManager = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        secretsManager.start();
        return Map.of("aws.region", REGION,
                "aws.dynamodb.endpoint-url", dynamoDbUrl,
                "aws.secretsmanager.endpoint-url", secretsManager.baseUrl(),
                "aws.stand-in-credentials.access-key-id", ACCESS_KEY,
                "aws.stand-in-credentials.secret-access-key", SECRET_KEY,
                "create-token.idempotency-table", TABLE);
    }

    /** Starts DynamoDB Local in memory on a free port, with the idempotency table as infra/template.yaml has it. */
    public static DynamoDBProxyServer startDynamoDbLocal() {
        int port = freePort();
        DynamoDBProxyServer server;
        try {
            server = ServerRunner.createServerFromCommandLineArgs(new String[] { "-inMemory", "-port",
                    Integer.toString(port) });
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start (sqlite4java.library.path="
                    + System.getProperty("sqlite4java.library.path") + ")", e);
        }
        PORTS.put(server, port);
        try (DynamoDbClient client = client(endpoint(server))) {
            // As infra/template.yaml declares it: hash key idempotencyKey, on demand (TTL is not enforced locally).
            client.createTable(b -> b.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(k -> k.attributeName("idempotencyKey").keyType(KeyType.HASH))
                    .attributeDefinitions(a -> a.attributeName("idempotencyKey")
                            .attributeType(ScalarAttributeType.S)));
        }
        return server;
    }

    /** The URL of a DynamoDB Local started by {@link #startDynamoDbLocal()}. */
    public static String endpoint(DynamoDBProxyServer server) {
        return "http://127.0.0.1:" + PORTS.get(server);
    }

    /** A client of DynamoDB Local for the tests' own reads. */
    public static DynamoDbClient client(String endpoint) {
        return DynamoDbClient.builder().endpointOverride(URI.create(endpoint)).region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY,
                        SECRET_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
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
            try {
                dynamoDb.stop();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
