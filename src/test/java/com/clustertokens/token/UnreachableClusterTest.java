package com.clustertokens.token;

import static com.clustertokens.testing.Lambda.invokeFailing;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.clustertokens.testing.Exports;
import com.clustertokens.testing.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(UnreachableClusterTest.Profile.class)
class UnreachableClusterTest {

    /** list-tokens pointed at a port nothing listens on. */
    public static class Profile extends Exports.Export {
        public Profile() {
            super("list-tokens", Map.of("dt.cluster-url", "http://127.0.0.1:" + closedPort(),
                    "dt.api-token", TestTokens.API_TOKEN));
        }
    }

    @ConfigProperty(name = "dt.cluster-url")
    String clusterUrl;

    @Test
    void reportsConnectionRefusedNamingTheClusterUrl() {
        assertThat(invokeFailing("{}")).contains("ClusterUnavailableException", clusterUrl, "connection refused");
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
