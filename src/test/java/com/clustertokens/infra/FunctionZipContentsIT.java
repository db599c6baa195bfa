package com.clustertokens.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;

/**
 * Runs after {@code package} (failsafe, in {@code verify}) and reads target/function.zip: it ships the one HTTP client
 * AwsClients builds the AWS clients with, and none of the others the SDK's modules pull in by default.
 */
class FunctionZipContentsIT {

    /** The jars of HTTP clients nothing in the zip uses, by the prefix of their name in lib/ (group.artifact-). */
    private static final List<String> UNUSED_HTTP_CLIENTS = List.of("software.amazon.awssdk.apache-client-",
            "software.amazon.awssdk.apache5-client-", "software.amazon.awssdk.netty-nio-client-",
            "org.apache.httpcomponents.client5.", "org.apache.httpcomponents.core5.",
            "org.apache.httpcomponents.httpclient-", "org.apache.httpcomponents.httpcore-");

    @Test
    void theZipShipsTheUrlConnectionClientAndNoOtherHttpClientOfTheSdk() throws IOException {
        List<String> jars = jars(Path.of("target/function.zip"));

        assertThat(jars).as("the client AwsClients uses").anyMatch(jar -> jar.startsWith(
                "software.amazon.awssdk.url-connection-client-"));
        assertThat(jars).as("HTTP clients nothing uses (exclude them where the SDK modules are declared, pom.xml)")
                .noneMatch(jar -> UNUSED_HTTP_CLIENTS.stream().anyMatch(jar::startsWith));
    }

    private static List<String> jars(Path zip) throws IOException {
        assertThat(zip).as("built by package").exists();
        List<String> jars = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                if (e.getName().startsWith("lib/") && e.getName().endsWith(".jar")) {
                    jars.add(e.getName().substring("lib/".length()));
                }
            }
        }
        return jars;
    }
}
