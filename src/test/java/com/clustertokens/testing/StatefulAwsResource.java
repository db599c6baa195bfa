package com.clustertokens.testing;

import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * AWS stand-ins that keep state, for tests of what a sequence of attempts leaves behind: DynamoDB Local with the
 * idempotency table, and moto's Secrets Manager (a local process: secrets exist, collide, carry tags, wait for
 * deletion), both on loopback. Stand-in credentials, which AwsClients accepts only with an endpoint override.
 */
public class StatefulAwsResource implements QuarkusTestResourceLifecycleManager {

    private static volatile String secretsManagerUrl;

    private DynamoDbLocal dynamoDb;
    private Process moto;

    @Override
    public Map<String, String> start() {
        dynamoDb = DynamoDbLocal.start();
        dynamoDb.createTable(PipelineAwsResource.TABLE, "idempotencyKey");
        int port = DynamoDbLocal.freePort();
        try {
            moto = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true).redirectOutput(new File("target/moto-" + port + ".log")).start();
        } catch (IOException e) {
            throw new IllegalStateException("moto_server (the Secrets Manager stand-in) could not start: is it "
                    + "installed (pip install 'moto[server]')?", e);
        }
        awaitPort(port);
        secretsManagerUrl = "http://127.0.0.1:" + port;
        return Map.of("aws.region", PipelineAwsResource.REGION,
                "aws.dynamodb.endpoint-url", dynamoDb.url(),
                "aws.secretsmanager.endpoint-url", secretsManagerUrl,
                "aws.stand-in-credentials.access-key-id", PipelineAwsResource.ACCESS_KEY,
                "aws.stand-in-credentials.secret-access-key", "stateful-test-secret-access-key",
                "create-token.idempotency-table", PipelineAwsResource.TABLE);
    }

    /** A client of the Secrets Manager stand-in, for the tests' own reads and setup. */
    public static SecretsManagerClient secretsManager() {
        return SecretsManagerClient.builder().endpointOverride(URI.create(secretsManagerUrl))
                .region(Region.of(PipelineAwsResource.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        PipelineAwsResource.ACCESS_KEY, "stateful-test-secret-access-key")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    private void awaitPort(int port) {
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(giveUp)) {
            if (!moto.isAlive()) {
                throw new IllegalStateException("moto_server exited with " + moto.exitValue());
            }
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException("moto_server did not listen on port " + port + " within 30 s");
    }

    @Override
    public void stop() {
        if (moto != null) {
            moto.destroy();
        }
        if (dynamoDb != null) {
            dynamoDb.close();
        }
    }
}
