package com.clustertokens.reliability;

import static com.clustertokens.testing.Lambda.invokeFailing;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.testing.Exports;
import com.clustertokens.testing.InjectSimulatedCluster;
import com.clustertokens.testing.SimulatedClusterResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A create is not started when the invocation's time left cannot cover it and the steps after it. */
@QuarkusTest
@TestProfile(CreateNotStartedTest.Profile.class)
@WithTestResource(SimulatedClusterResource.class)
class CreateNotStartedTest {

    /** A 4 s budget, while a create may take 1 s to connect, 3 s to read and 2 s after. */
    public static class Profile extends Exports.Export {
        public Profile() {
            super("create-token", Map.of("dt.invocation-timeout", "5s", "dt.invocation-safety-margin", "1s",
                    "dt.connect-timeout", "1s", "dt.read-timeout", "3s", "create-token.aws-calls-time",
                    "2s"));
        }
    }

    @InjectSimulatedCluster
    SimulatedCluster cluster;

    @Test
    void refusesToStartACreateThatCouldOutlastTheInvocationAndSendsNothing() {
        cluster.clearRequests();

        String error = invokeFailing("{\"name\":\"too-late\",\"scopes\":[\"settings.read\"]}");

        assertThat(error).startsWith("ClusterUnavailableException: Token 'too-late' was not created")
                .contains("nothing was sent");
        assertThat(cluster.requests()).noneMatch(r -> r.method().equals("POST"));
    }
}
