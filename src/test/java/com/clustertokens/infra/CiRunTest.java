package com.clustertokens.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * .ci/run's prerequisites: a copy of the script runs in a scratch checkout whose {@code mvnw} only records that it
 * ran, on a PATH of stand-in tools (pip, moto_server, cfn-lint, chromium) and the few system commands the script
 * uses (node and npm answer as version 20+ does; the quick start check only records that it ran). So it never
 * builds, installs or reaches a registry.
 */
class CiRunTest {

    @TempDir
    Path root;

    private Path bin;
    private Path calls;

    @BeforeEach
    void checkout() throws IOException {
        Files.createDirectories(root.resolve(".ci"));
        Files.copy(Path.of(".ci/run"), root.resolve(".ci/run"));
        bin = Files.createDirectory(root.resolve("bin"));
        calls = root.resolve("calls");
        Files.createFile(calls);
        stub(root.resolve("mvnw"), 0);
        for (String command : List.of("bash", "dirname", "id", "tail")) {
            Files.createSymbolicLink(bin.resolve(command), onPath(command));
        }
        stub(bin.resolve("chromium"), 0);
        stub(bin.resolve("chromedriver"), 0);
        // Node 20+ is there (its check is not what these tests are about), and the quick start check only records.
        script(bin.resolve("node"), "exit 0\n");
        script(bin.resolve("npm"), "exit 0\n");
        stub(root.resolve(".ci/quickstart-check"), 0);
    }

    @Test
    void aMissingMotoServerThatPipCannotInstallStopsTheRunInOneLineNamingItAndItsInstallCommand() throws Exception {
        stub(bin.resolve("pip"), 1);
        stub(bin.resolve("cfn-lint"), 0);

        Result result = run();

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr().lines()).singleElement().asString().startsWith(".ci/run: moto_server")
                .contains("pip install 'moto[server]' failed");
        assertThat(calls()).singleElement().asString().startsWith("pip install ").endsWith(" moto[server]");
    }

    @Test
    void aMissingCfnLintIsInstalledWithPipAndTheRunGoesOnToTheBuildAndTheLint() throws Exception {
        stub(bin.resolve("moto_server"), 0);
        Path cfnLint = bin.resolve("cfn-lint");
        script(bin.resolve("pip"), "echo \"pip $*\" >> " + calls + "\nprintf '#!/bin/sh\\necho \"cfn-lint $*\" >> "
                + calls + "\\n' > " + cfnLint + "\n" + onPath("chmod") + " +x " + cfnLint + "\n");

        Result result = run();

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains(".ci/run: installing cfn-lint");
        assertThat(calls()).hasSize(4).endsWith("mvnw -B -ntp verify", "quickstart-check ",
                "cfn-lint infra/template.yaml");
        assertThat(calls().get(0)).startsWith("pip install ").endsWith(" cfn-lint");
    }

    @Test
    void withoutPipAMissingToolStopsTheRunInOneLineNamingIt() throws Exception {
        stub(bin.resolve("moto_server"), 0);

        Result result = run();

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr().lines()).containsExactly(".ci/run: cfn-lint (the template linter) is missing, "
                + "and there is no pip to install it: pip install 'cfn-lint'");
        assertThat(calls()).as("nothing built").isEmpty();
    }

    @Test
    void aToolPipInstalledOutOfThePathStopsTheRunInOneLineSayingSo() throws Exception {
        stub(bin.resolve("pip"), 0);
        stub(bin.resolve("cfn-lint"), 0);

        Result result = run();

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr().lines()).singleElement().asString()
                .startsWith(".ci/run: pip install 'moto[server]' ran, but moto_server")
                .contains("still not on the PATH");
        assertThat(calls()).singleElement().asString().startsWith("pip install ");
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private Result run() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(root.resolve(".ci/run").toString()).directory(root.toFile())
                .redirectOutput(root.resolve("stdout").toFile()).redirectError(root.resolve("stderr").toFile());
        builder.environment().clear();
        builder.environment().putAll(Map.of("PATH", bin.toString(), "TMPDIR", root.toString(), "HOME",
                root.toString()));
        Process process = builder.start();
        // A guard against a hung script, not a timing assertion.
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as(".ci/run finished").isTrue();
        return new Result(process.exitValue(), Files.readString(root.resolve("stdout")),
                Files.readString(root.resolve("stderr")));
    }

    private List<String> calls() throws IOException {
        return Files.readAllLines(calls);
    }

    /** A stand-in that records its name and arguments, then exits with {@code exitCode}. */
    private void stub(Path file, int exitCode) throws IOException {
        script(file, "echo \"" + file.getFileName() + " $*\" >> " + calls + "\nexit " + exitCode + "\n");
    }

    private static void script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static Path onPath(String command) {
        return Stream.of(System.getenv("PATH").split(File.pathSeparator)).map(dir -> Path.of(dir, command))
                .filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException(command + " is not on the PATH"));
    }
}
