package com.clustertokens.logging;

import static com.clustertokens.testing.Lambda.invokeFailing;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.testing.ConsoleCapture;
import com.clustertokens.testing.Exports;
import com.clustertokens.testing.InjectSimulatedCluster;
import com.clustertokens.testing.SimulatedClusterResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A caller's refused input is one WARN line without a stack trace; ERROR stays for what an operator must act on. */
@QuarkusTest
@TestProfile(Exports.ListTokens.class)
@WithTestResource(SimulatedClusterResource.class)
class RefusedInputLoggingTest {

    @InjectSimulatedCluster
    SimulatedCluster cluster;

    private ConsoleCapture console;

    @BeforeEach
    void captureWhatTheConsoleWrites() {
        console = ConsoleCapture.start();
    }

    @AfterEach
    void stopCapturing() {
        console.close();
    }

    @Test
    void logsARefusedRequestOnceAsAWarningWithoutAStackTrace() {
        String error = invokeFailing("{\"limit\":-1}");

        assertThat(error).startsWith("InvalidInputException: ");
        List<ConsoleCapture.Line> lines = console.lines();
        assertThat(lines).noneMatch(w -> w.level().intValue() >= Level.SEVERE.intValue());
        assertThat(lines).noneMatch(w -> w.thrown() != null);
        assertThat(lines).filteredOn(w -> w.message().startsWith("Refused the request")).hasSize(1)
                .allSatisfy(w -> {
                    assertThat(w.level()).isEqualTo(Level.WARNING);
                    assertThat(w.message()).contains("InvalidInputException", "limit");
                });
    }
}
