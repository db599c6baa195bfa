package com.clustertokens.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * DynamoDB Local, in-process and in memory, started by a test resource. One database whatever the credentials and
 * region ({@code -sharedDb}), so the tests' own client sees what the application wrote.
 */
public final class DynamoDbLocal implements AutoCloseable {

    private final DynamoDBProxyServer server;
    private final String url;

    private DynamoDbLocal(DynamoDBProxyServer server, String url) {
        this.server = server;
        this.url = url;
    }

    /** Starts a server on a free loopback port. */
    public static DynamoDbLocal start() {
        int port = freePort();
        try {
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(new String[]{"-inMemory",
                    "-sharedDb", "-port", Integer.toString(port)});
            server.start();
            return new DynamoDbLocal(server, "http://127.0.0.1:" + port);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start (sqlite4java.library.path="
                    + System.getProperty("sqlite4java.library.path") + ")", e);
        }
    }

    public String url() {
        return url;
    }

    /** Creates an on-demand table with a string hash key, as infra/template.yaml declares them. */
    public void createTable(String name, String hashKey) {
        try (DynamoDbClient client = client(url)) {
            client.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(k -> k.attributeName(hashKey).keyType(KeyType.HASH))
                    .attributeDefinitions(a -> a.attributeName(hashKey).attributeType(ScalarAttributeType.S)));
        }
    }

    /** Creates an on-demand table with a string hash key and a string range key. */
    public void createTable(String name, String hashKey, String rangeKey) {
        try (DynamoDbClient client = client(url)) {
            client.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(k -> k.attributeName(hashKey).keyType(KeyType.HASH),
                            k -> k.attributeName(rangeKey).keyType(KeyType.RANGE))
                    .attributeDefinitions(a -> a.attributeName(hashKey).attributeType(ScalarAttributeType.S),
                            a -> a.attributeName(rangeKey).attributeType(ScalarAttributeType.S)));
        }
    }

    /** A client of the server at {@code endpoint} for the tests' own reads (any credentials do). */
    public static DynamoDbClient client(String endpoint) {
        return DynamoDbClient.builder().endpointOverride(URI.create(endpoint)).region(Region.of("eu-west-1"))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDDYNAMODBLOCAL",
                        "dynamodb-local-test-secret")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A free loopback port, for a stand-in server a test starts. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
