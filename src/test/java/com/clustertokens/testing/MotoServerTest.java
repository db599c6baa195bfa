package com.clustertokens.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
