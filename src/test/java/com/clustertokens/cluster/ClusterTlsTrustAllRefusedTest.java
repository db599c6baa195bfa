package com.clustertokens.cluster;

import static com.clustertokens.testing.Lambda.invokeFailing;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.testing.Exports;
import com.clustertokens.testing.InjectWireMock;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(ClusterTlsTrustAllRefusedTest.Profile.class)
@WithTestResource(value = PrivateCaClusterResource.class, initArgs = @ResourceArg(name = "trusted", value = "false"))
class ClusterTlsTrustAllRefusedTest {

    /** list-tokens with a "cluster" TLS configuration that would switch certificate checks off. */
    public static class Profile extends Exports.Export {
        public Profile() {
            super("list-tokens", Map.of("quarkus.tls.cluster.trust-all", "true"));
        }
    }

    @InjectWireMock
    WireMockServer cluster;

    @BeforeEach
    void forgetEarlierRequests() {
        cluster.resetRequests();
    }

    @Test
    void refusesATlsConfigurationThatTrustsAllCertificatesBeforeAnyRequest() {
        String message = invokeFailing("{}");

        assertThat(message).contains("ConfigurationException", "TLS configuration 'cluster'",
                "disables certificate checks", "trust the cluster's certificate authority instead");
        assertThat(cluster.getAllServeEvents()).as("nothing was sent with checks off").isEmpty();
    }
}
