package com.clustertokens.testing;

import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * moto_server as a local process on loopback: one endpoint serving the AWS services the tests need with state
 * (Secrets Manager, SSM Parameter Store), answering to stand-in credentials.
 */
public final class MotoServer implements AutoCloseable {

    /** The stand-in secret access key sent with {@link PipelineAwsResource#ACCESS_KEY}. */
    public static final String SECRET_KEY = "stateful-test-secret-access-key";

    private final Process process;
    private final String url;

    private MotoServer(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /** Starts moto_server on a free port and waits until it listens; its output goes to target/moto-PORT.log. */
    public static MotoServer start() {
        int port = DynamoDbLocal.freePort();
        Process process;
        try {
            process = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true).redirectOutput(new File("target/moto-" + port + ".log")).start();
        } catch (IOException e) {
            throw new IllegalStateException("moto_server (the AWS stand-in) could not start: is it installed "
                    + "(pip install 'moto[server]')?", e);
        }
        awaitPort(process, port);
        return new MotoServer(process, "http://127.0.0.1:" + port);
    }

    /** The endpoint of every service moto serves. */
    public String url() {
        return url;
    }

    /** {@code builder} made a client of this stand-in, for the tests' own setup and reads. */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder) {
        return builder.endpointOverride(URI.create(url)).region(Region.of(PipelineAwsResource.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        PipelineAwsResource.ACCESS_KEY, SECRET_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    private static void awaitPort(Process process, int port) {
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(giveUp)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited with " + process.exitValue());
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
        throw new IllegalStateException("moto_server did not listen on port " + port + " within 30 s");
    }

    @Override
    public void close() {
        process.destroy();
    }
}
