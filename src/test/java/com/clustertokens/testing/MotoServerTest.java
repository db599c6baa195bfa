package com.clustertokens.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Finding moto_server, and failing in one line when it is not installed. */
class MotoServerTest {

    @TempDir
    Path dir;

    @Test
    void aPathWithoutMotoServerFailsInOneLineNamingTheToolAndItsInstallCommand() {
        String path = dir.resolve("empty") + File.pathSeparator + dir;

        assertThatThrownBy(() -> MotoServer.requireInstalled(path)).isInstanceOfSatisfying(MissingToolException.class,
                e -> {
                    assertThat(e).hasMessage("moto_server is not installed (not on the PATH): it is the tests' AWS "
                            + "stand-in; install it with: pip install 'moto[server]'").hasNoCause();
                    assertThat(e.getStackTrace()).as("a stack trace would print a page of frames").isEmpty();
                });
    }

    @Test
    void noPathAtAllFailsTheSameWay() {
        assertThatThrownBy(() -> MotoServer.requireInstalled(null)).isInstanceOf(MissingToolException.class)
                .hasMessageContaining("moto_server").hasMessageContaining("pip install 'moto[server]'");
    }

    @Test
    void findsTheFirstExecutableMotoServerOnThePathAndSkipsAFileThatCannotRun() throws IOException {
        Path notExecutable = Files.createDirectory(dir.resolve("a")).resolve("moto_server");
        Files.writeString(notExecutable, "#!/bin/sh\n");
        Path executable = Files.createDirectory(dir.resolve("b")).resolve("moto_server");
        Files.writeString(executable, "#!/bin/sh\n");
        Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwxr-xr-x"));

        String path = dir.resolve("a") + File.pathSeparator + File.pathSeparator + dir.resolve("b");

        assertThat(MotoServer.requireInstalled(path)).isEqualTo(executable);
    }

    /** As DynamoDB does: moto alone lets two racing conditional puts of one item both succeed, now and then. */
    @Test
    void ofConcurrentConditionalPutsOfOneItemExactlyOneSucceeds() throws Exception {
        int writers = 4;
        ExecutorService threads = Executors.newFixedThreadPool(writers);
        try (MotoServer moto = MotoServer.start(); DynamoDbClient db = moto.client(DynamoDbClient.builder())) {
            moto.createTable("claims", "key");
            for (int round = 0; round < 100; round++) {
                String key = "item-" + round;
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> puts = new ArrayList<>();
                for (int writer = 0; writer < writers; writer++) {
                    String owner = "writer-" + writer;
                    puts.add(threads.submit(() -> {
                        go.await();
                        try {
                            db.putItem(b -> b.tableName("claims").item(Map.of("key", AttributeValue.fromS(key),
                                    "owner", AttributeValue.fromS(owner))).conditionExpression(
                                            "attribute_not_exists(#k)").expressionAttributeNames(Map.of("#k",
                                                    "key")));
                            return true;
                        } catch (ConditionalCheckFailedException lost) {
                            return false;
                        }
                    }));
                }
                go.countDown();
                int won = 0;
                for (Future<Boolean> put : puts) {
                    won += put.get() ? 1 : 0;
                }
                assertThat(won).as("puts that succeeded in round " + round).isEqualTo(1);
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
