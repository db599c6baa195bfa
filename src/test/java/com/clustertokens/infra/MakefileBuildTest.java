package com.clustertokens.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.clustertokens.testing.MissingToolException;

/**
 * The repository's Makefile as {@code sam build} runs it (the makefile build method): {@code make --makefile
 * <clone>/Makefile build-<LogicalId>} from a scratch directory, with ARTIFACTS_DIR set. The clone is a copy of the
 * Makefile beside a few sources and an {@code mvnw} that only records its arguments and "builds" a small zip, so the
 * build logic is checked in a second; {@code SamBuildIT} runs it on the real zip.
 */
class MakefileBuildTest {

    private static final Instant CHECKED_OUT = Instant.parse("2026-01-01T00:00:00Z");
    private static final String HANDLER = "com/clustertokens/lambda/LambdaHandler.class";
    private static final String JAR = "lib/io.quarkus.quarkus-funqy-amazon-lambda-3.34.2.jar";

    @TempDir
    Path work;

    private Path clone;
    private Path scratch;
    private Path calls;

    @BeforeEach
    void cloneWithAWrapperThatRecords() throws IOException {
        clone = Files.createDirectories(work.resolve("clone"));
        scratch = Files.createDirectories(work.resolve("scratch"));
        Files.copy(Path.of("Makefile"), clone.resolve("Makefile"));
        calls = clone.resolve("mvnw-calls");
        Path built = zip(work.resolve("built.zip"), Map.of(HANDLER, "handler", JAR, "jar", "application.properties",
                "quarkus.lambda.handler=x"));
        Path mvnw = clone.resolve("mvnw");
        Files.writeString(mvnw, "#!/bin/sh\necho \"$*\" >> '" + calls + "'\nmkdir -p target\ncp '" + built
                + "' target/function.zip\n");
        Files.setPosixFilePermissions(mvnw, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String source : List.of("pom.xml", ".mvn/wrapper/maven-wrapper.properties",
                "src/main/java/com/clustertokens/lambda/LambdaHandler.java",
                "src/main/resources/application.properties")) {
            Path file = clone.resolve(source);
            Files.createDirectories(file.getParent());
            Files.writeString(file, source);
            Files.setLastModifiedTime(file, FileTime.from(CHECKED_OUT));
        }
    }

    @Test
    void aFreshCloneBuildsTheZipWithTheWrapperOnceAndEveryFunctionGetsItsContents() throws Exception {
        Path createToken = Files.createDirectories(work.resolve("artifacts/CreateTokenFunction"));
        Path listTokens = Files.createDirectories(work.resolve("artifacts/ListTokensFunction"));

        Result first = make("build-CreateTokenFunction", createToken, Map.of());
        Result second = make("build-ListTokensFunction", listTokens, Map.of());

        assertThat(first.exitCode()).as(first.stderr()).isZero();
        assertThat(second.exitCode()).as(second.stderr()).isZero();
        assertThat(Files.readAllLines(calls)).as("the wrapper's runs").containsExactly(
                "-B -ntp -q package -DskipTests");
        for (Path artifacts : List.of(createToken, listTokens)) {
            assertThat(artifacts.resolve(HANDLER)).hasContent("handler");
            assertThat(artifacts.resolve(JAR)).hasContent("jar");
            assertThat(artifacts.resolve("application.properties")).exists();
        }
    }

    @Test
    void aZipNewerThanEverySourceIsUnpackedWithoutABuildAsAfterCisOwnPackage() throws Exception {
        Path prebuilt = zip(clone.resolve("target/function.zip"), Map.of(HANDLER, "built by CI"));
        Files.setLastModifiedTime(prebuilt, FileTime.from(CHECKED_OUT.plusSeconds(600)));
        Path artifacts = Files.createDirectories(work.resolve("artifacts"));

        Result result = make("build-StaleTokensFunction", artifacts, Map.of());

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(calls).doesNotExist();
        assertThat(artifacts.resolve(HANDLER)).hasContent("built by CI");
    }

    @Test
    void aSourceChangedAfterTheZipWasBuiltBuildsItAgain() throws Exception {
        Path stale = zip(clone.resolve("target/function.zip"), Map.of(HANDLER, "before the change"));
        Files.setLastModifiedTime(stale, FileTime.from(CHECKED_OUT.plusSeconds(600)));
        Files.setLastModifiedTime(clone.resolve("src/main/java/com/clustertokens/lambda/LambdaHandler.java"),
                FileTime.from(CHECKED_OUT.plusSeconds(1200)));
        Path artifacts = Files.createDirectories(work.resolve("artifacts"));

        Result result = make("build-StaleTokensFunction", artifacts, Map.of());

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(Files.readAllLines(calls)).hasSize(1);
        assertThat(artifacts.resolve(HANDLER)).hasContent("handler");
    }

    @Test
    void aZipNamedByFunctionZipIsUnpackedAsItIsAndNothingIsBuilt() throws Exception {
        zip(clone.resolve("ci/function.zip"), Map.of(HANDLER, "from the pipeline's artifact"));
        Path artifacts = Files.createDirectories(work.resolve("artifacts"));

        Result result = make("build-FleetReportFunction", artifacts, Map.of("FUNCTION_ZIP", "ci/function.zip"));

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(calls).doesNotExist();
        assertThat(artifacts.resolve(HANDLER)).hasContent("from the pipeline's artifact");
    }

    @Test
    void aFunctionZipThatNamesNoFileFailsNamingItWithoutABuild() throws Exception {
        Path artifacts = Files.createDirectories(work.resolve("artifacts"));

        Result result = make("build-FleetReportFunction", artifacts, Map.of("FUNCTION_ZIP", "ci/missing.zip"));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("FUNCTION_ZIP=ci/missing.zip names no file");
        assertThat(calls).doesNotExist();
    }

    @Test
    void aBuildTargetWithoutArtifactsDirStopsBeforeBuildingAnything() throws Exception {
        Result result = make("build-CreateTokenFunction", null, Map.of());

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("ARTIFACTS_DIR is not set");
        assertThat(calls).doesNotExist();
        assertThat(clone.resolve("target")).doesNotExist();
    }

    @Test
    void aFailedBuildFailsTheTargetWithTheWrappersOutputOnStderrAndUnpacksNothing() throws Exception {
        Files.writeString(clone.resolve("mvnw"), "#!/bin/sh\necho '[ERROR] COMPILATION ERROR in LambdaHandler.java'\n"
                + "exit 1\n");
        Path artifacts = Files.createDirectories(work.resolve("artifacts"));

        Result result = make("build-CreateTokenFunction", artifacts, Map.of());

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("[ERROR] COMPILATION ERROR in LambdaHandler.java");
        try (var unpacked = Files.list(artifacts)) {
            assertThat(unpacked).isEmpty();
        }
    }

    private Result make(String target, Path artifactsDir, Map<String, String> environment) throws Exception {
        List<String> command = new ArrayList<>(List.of("make", "--makefile", clone.resolve("Makefile").toString(),
                target));
        ProcessBuilder builder = new ProcessBuilder(command).directory(scratch.toFile());
        builder.environment().remove("ARTIFACTS_DIR");
        builder.environment().remove("FUNCTION_ZIP");
        builder.environment().remove("MVNW");
        if (artifactsDir != null) {
            builder.environment().put("ARTIFACTS_DIR", artifactsDir.toString());
        }
        builder.environment().putAll(environment);
        Path out = work.resolve("make.out");
        Path err = work.resolve("make.err");
        Process process;
        try {
            process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        } catch (IOException e) {
            throw new MissingToolException("make", "what sam build runs for each function (BuildMethod makefile)",
                    "apt-get install make unzip");
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("make " + target + " did not end");
        }
        return new Result(process.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static Path zip(Path file, Map<String, String> entries) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return file;
    }

    private record Result(int exitCode, String stderr) {
    }
}
