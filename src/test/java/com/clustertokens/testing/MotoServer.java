package com.clustertokens.testing;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * moto_server, the tests' one AWS stand-in, as a local process on loopback behind a proxy that lets one request
 * through at a time ({@link SerializingProxy}): one endpoint serving every AWS service the tests need with state
 * (DynamoDB, Secrets Manager, SSM Parameter Store), answering to stand-in credentials. Every access key maps to moto's
 * one default account, so the tests' own clients see what the application wrote (in
 * {@link PipelineAwsResource#REGION}, the region every test resource configures).
 */
public final class MotoServer implements AutoCloseable {

    /** The executable, as {@code pip install 'moto[server]'} puts it on the PATH. */
    public static final String EXECUTABLE = "moto_server";
    /** How to install it, named when it is missing. */
    public static final String INSTALL = "pip install 'moto[server]'";
    /** The stand-in secret access key sent with {@link PipelineAwsResource#ACCESS_KEY}. */
    public static final String SECRET_KEY = "stateful-test-secret-access-key";
    /** The TTL attribute of every table infra/template.yaml declares (moto records it; it expires nothing). */
    public static final String TTL_ATTRIBUTE = "expiresAt";

    private final Process process;
    private final SerializingProxy proxy;
    private final String url;

    private MotoServer(Process process, SerializingProxy proxy, String url) {
        this.process = process;
        this.proxy = proxy;
        this.url = url;
    }

    /**
     * Starts moto_server on a free port, waits until it listens, and puts a {@link SerializingProxy} in front of it
     * (moto's conditional writes are atomic only one request at a time); moto's output goes to target/moto-PORT.log.
     *
     * @throws MissingToolException when moto_server is not on the PATH
     */
    public static MotoServer start() {
        Path executable = requireInstalled();
        int port = freePort();
        int motoPort = freePort();
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(executable.toString(), "-H", "127.0.0.1", "-p",
                    Integer.toString(motoPort)).redirectErrorStream(true)
                    .redirectOutput(new File("target/moto-" + port + ".log"));
            // The URLs moto writes into its answers (an SQS queue's, say) then name the proxy.
            builder.environment().put("MOTO_PORT", Integer.toString(port));
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException(EXECUTABLE + " (" + executable + ") could not start: " + e.getMessage(),
                    e);
        }
        awaitPort(process, motoPort, port);
        SerializingProxy proxy;
        try {
            proxy = SerializingProxy.start(port, "http://127.0.0.1:" + motoPort);
        } catch (RuntimeException e) {
            process.destroy();
            throw e;
        }
        return new MotoServer(process, proxy, "http://127.0.0.1:" + port);
    }

    /**
     * moto_server on this process's PATH.
     *
     * @throws MissingToolException naming it and its install command when it is not there
     */
    public static Path requireInstalled() {
        return requireInstalled(System.getenv("PATH"));
    }

    /** moto_server in one of the directories of {@code path} (a PATH value), else the one-line failure naming it. */
    static Path requireInstalled(String path) {
        return locate(path)
                .orElseThrow(() -> new MissingToolException(EXECUTABLE, "the tests' AWS stand-in", INSTALL));
    }

    private static Optional<Path> locate(String path) {
        if (path == null) {
            return Optional.empty();
        }
        return Pattern.compile(Pattern.quote(File.pathSeparator)).splitAsStream(path).filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, EXECUTABLE)).filter(Files::isExecutable).findFirst();
    }

    /** The endpoint of every service moto serves. */
    public String url() {
        return url;
    }

    /** {@code builder} made a client of this stand-in, for the tests' own setup and reads. */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder) {
        return client(builder, url);
    }

    /** A DynamoDB client of the stand-in at {@code endpoint}, for the tests' own reads and clean-up. */
    public static DynamoDbClient dynamoDb(String endpoint) {
        return client(DynamoDbClient.builder(), endpoint);
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder,
            String endpoint) {
        return builder.endpointOverride(URI.create(endpoint)).region(Region.of(PipelineAwsResource.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        PipelineAwsResource.ACCESS_KEY, SECRET_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    /** Creates an on-demand table with a string hash key and TTL on {@value #TTL_ATTRIBUTE}, as the template does. */
    public void createTable(String name, String hashKey) {
        try (DynamoDbClient client = dynamoDb(url)) {
            client.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(k -> k.attributeName(hashKey).keyType(KeyType.HASH))
                    .attributeDefinitions(a -> a.attributeName(hashKey).attributeType(ScalarAttributeType.S)));
            enableTtl(client, name);
        }
    }

    /** Creates an on-demand table with string hash and range keys and TTL on {@value #TTL_ATTRIBUTE}. */
    public void createTable(String name, String hashKey, String rangeKey) {
        try (DynamoDbClient client = dynamoDb(url)) {
            client.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(k -> k.attributeName(hashKey).keyType(KeyType.HASH),
                            k -> k.attributeName(rangeKey).keyType(KeyType.RANGE))
                    .attributeDefinitions(a -> a.attributeName(hashKey).attributeType(ScalarAttributeType.S),
                            a -> a.attributeName(rangeKey).attributeType(ScalarAttributeType.S)));
            enableTtl(client, name);
        }
    }

    private static void enableTtl(DynamoDbClient client, String table) {
        client.updateTimeToLive(b -> b.tableName(table).timeToLiveSpecification(t -> t.attributeName(TTL_ATTRIBUTE)
                .enabled(true)));
    }

    /** A free loopback port, for a stand-in server a test starts. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitPort(Process process, int port, int logPort) {
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(giveUp)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(EXECUTABLE + " exited with " + process.exitValue()
                        + " (its output: target/moto-" + logPort + ".log)");
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
        process.destroy();
        throw new IllegalStateException(EXECUTABLE + " did not listen on port " + port + " within 30 s");
    }

    @Override
    public void close() {
        proxy.close();
        process.destroy();
    }
}
