package com.clustertokens.logging;

import static com.clustertokens.testing.Lambda.invokeFailing;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.simulator.SimulatedCluster;
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

    /** What the console would write, as the console's filter leaves it. */
    private record Written(Level level, String message, Throwable thrown) {
    }

    private final List<Written> written = new ArrayList<>();
    private final Handler console = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (isLoggable(record)) {
                synchronized (written) {
                    written.add(new Written(record.getLevel(), record instanceof ExtLogRecord ext
                            ? ext.getFormattedMessage()
                            : record.getMessage(), record.getThrown()));
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureWhatTheConsoleWrites() {
        console.setFilter(new SecretRedactingLogFilter());
        LogContext.getLogContext().getLogger("").addHandler(console);
    }

    @AfterEach
    void stopCapturing() {
        LogContext.getLogContext().getLogger("").removeHandler(console);
    }

    @Test
    void logsARefusedRequestOnceAsAWarningWithoutAStackTrace() {
        String error = invokeFailing("{\"limit\":-1}");

        assertThat(error).startsWith("InvalidInputException: ");
        List<Written> lines;
        synchronized (written) {
            lines = List.copyOf(written);
        }
        assertThat(lines).noneMatch(w -> w.level().intValue() >= Level.SEVERE.intValue());
        assertThat(lines).noneMatch(w -> w.thrown() != null);
        assertThat(lines).filteredOn(w -> w.message().startsWith("Refused the request")).hasSize(1)
                .allSatisfy(w -> {
                    assertThat(w.level()).isEqualTo(Level.WARNING);
                    assertThat(w.message()).contains("InvalidInputException", "limit");
                });
    }
}
