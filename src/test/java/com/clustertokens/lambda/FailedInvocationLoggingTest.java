package com.clustertokens.lambda;

import static com.clustertokens.testing.Lambda.invokeFailing;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;

import org.junit.jupiter.api.Test;

import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.testing.ConsoleCapture;
import com.clustertokens.testing.Exports;
import com.clustertokens.testing.InjectSimulatedCluster;
import com.clustertokens.testing.SimulatedClusterResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A failed invocation ends with one line of its own, inside the invocation (so it carries the function and, on
 * Lambda, the request id): what the template's "why did this request fail" query finds by request id.
 */
@QuarkusTest
@TestProfile(Exports.ListTokens.class)
@WithTestResource(SimulatedClusterResource.class)
class FailedInvocationLoggingTest {

    @InjectSimulatedCluster
    SimulatedCluster cluster;

    @Test
    void aFailureKindTheCallerCanActOnIsOneWarningLineWithTheErrorAsTheCallerReadsIt() {
        cluster.clearRequests();
        String error;
        ConsoleCapture.Line failed;
        ConsoleCapture console = ConsoleCapture.start();
        try {
            error = invokeFailing("{\"limit\":-1}");
            failed = console.lines().stream().filter(l -> l.message().startsWith(InvocationInterceptor.FAILED))
                    .reduce((a, b) -> {
                        throw new AssertionError("more than one line: " + a.message() + " / " + b.message());
                    }).orElseThrow();
        } finally {
            console.close();
        }

        assertThat(failed.level()).isEqualTo(Level.WARNING);
        assertThat(failed.thrown()).isNull();
        assertThat(failed.message()).isEqualTo(InvocationInterceptor.FAILED + error);
        assertThat(cluster.requests()).isEmpty();
    }
}
