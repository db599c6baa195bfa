package com.clustertokens.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.clustertokens.testing.TestTokens;

/**
 * Runs after the unit and Quarkus tests (failsafe, in {@code verify}) and reads everything they printed and logged:
 * no API token and no token secret may appear in it.
 */
class OutputLeakIT {

    private static final Pattern FULL_TOKEN = Pattern.compile("dt0c01\\.[A-Za-z0-9]{24}\\.[A-Za-z0-9]{64}");

    @Test
    void noTestOutputHoldsAnApiTokenOrATokenSecret() throws IOException {
        Path reports = Path.of(System.getProperty("surefire.reports", "target/surefire-reports"));
        List<Path> outputs;
        try (Stream<Path> files = Files.list(reports)) {
            outputs = files.filter(f -> f.toString().endsWith(".txt") || f.toString().endsWith(".xml")).toList();
        }
        assertThat(outputs.stream().filter(f -> f.toString().endsWith("-output.txt")))
                .as("the test run's captured output exists to be scanned").isNotEmpty();

        List<String> leaks = new ArrayList<>();
        boolean sawCreationLog = false;
        for (Path file : outputs) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            sawCreationLog |= text.contains("Created token");
            if (text.contains(TestTokens.API_TOKEN)) {
                leaks.add(file.getFileName() + ": the test API token");
            }
            if (text.contains(TestTokens.LEGACY_SECRET)) {
                leaks.add(file.getFileName() + ": the legacy-format test secret");
            }
            Matcher matcher = FULL_TOKEN.matcher(text);
            if (matcher.find()) {
                // Report only the identifier: this test must not leak what it looks for.
                leaks.add(file.getFileName() + ": a token secret of " + matcher.group().substring(0, 31));
            }
        }
        assertThat(sawCreationLog).as("the scanned output includes the functions' own logs").isTrue();
        assertThat(leaks).as("secrets found in test output").isEmpty();
    }
}
