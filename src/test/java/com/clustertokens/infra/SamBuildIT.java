package com.clustertokens.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.clustertokens.infra.SamTemplate.DeployedFunction;
import com.clustertokens.testing.MissingToolException;

/**
 * {@code sam build}'s step for each function, run after {@code package} (failsafe, in {@code verify}) as SAM runs it:
 * {@code make --makefile Makefile build-<LogicalId>} from a scratch directory with ARTIFACTS_DIR set. The zip package
 * made is reused as it is (the wrapper is replaced by {@code false}, so a build would fail the test), and what lands
 * in ARTIFACTS_DIR, the code SAM uploads, is the zip's content with the template's handler class at the root.
 */
class SamBuildIT {

    private static final Path ZIP = Path.of("target", "function.zip");

    @TempDir
    Path work;

    private final Map<String, DeployedFunction> functions = SamTemplate.load().functions();

    @Test
    void unpacksThePackagedZipForAFunctionWithTheTemplatesHandlerClassAtTheRootAndBuildsNothing() throws Exception {
        String logicalId = functions.keySet().iterator().next();
        Path artifacts = Files.createDirectories(work.resolve(logicalId));
        String handler = String.valueOf(functions.get(logicalId).properties().get("Handler"));
        String handlerClass = handler.substring(0, handler.indexOf("::")).replace('.', '/') + ".class";

        Result result = make(List.of("build-" + logicalId), artifacts);

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(artifacts.resolve(handlerClass)).as("the template's handler").isRegularFile();
        List<String> missing = new ArrayList<>();
        try (ZipFile zip = new ZipFile(ZIP.toFile())) {
            for (ZipEntry entry : zip.stream().filter(e -> !e.isDirectory()).toList()) {
                Path unpacked = artifacts.resolve(entry.getName());
                if (!Files.isRegularFile(unpacked) || Files.size(unpacked) != entry.getSize()) {
                    missing.add(entry.getName());
                }
            }
        }
        assertThat(missing).as("entries of function.zip not in ARTIFACTS_DIR as they are in the zip").isEmpty();
    }

    @Test
    void everyFunctionOfTheTemplateHasABuildTargetThatOnlyUnpacksTheZipPackageMade() throws Exception {
        for (String logicalId : functions.keySet()) {
            Result dryRun = make(List.of("--dry-run", "build-" + logicalId), work);

            assertThat(dryRun.exitCode()).as(logicalId + ": " + dryRun.output()).isZero();
            assertThat(dryRun.output()).as(logicalId).contains("unzip -q -o '" + ZIP.toAbsolutePath() + "'")
                    .doesNotContain("package -DskipTests");
        }
    }

    private Result make(List<String> arguments, Path artifactsDir) throws Exception {
        assertThat(ZIP).as("built by package").exists();
        List<String> command = new ArrayList<>(List.of("make", "--makefile", Path.of("Makefile").toAbsolutePath()
                .toString()));
        command.addAll(arguments);
        Path scratch = Files.createDirectories(work.resolve("scratch"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(scratch.toFile()).redirectErrorStream(true);
        builder.environment().remove("FUNCTION_ZIP");
        builder.environment().put("MVNW", "false");
        builder.environment().put("ARTIFACTS_DIR", artifactsDir.toString());
        Path out = work.resolve("make.out");
        Process process;
        try {
            process = builder.redirectOutput(out.toFile()).start();
        } catch (IOException e) {
            throw new MissingToolException("make", "what sam build runs for each function (BuildMethod makefile)",
                    "apt-get install make unzip");
        }
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("make " + arguments + " did not end");
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String output) {
    }
}
