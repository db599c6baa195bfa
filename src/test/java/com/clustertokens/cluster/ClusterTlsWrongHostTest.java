package com.clustertokens.cluster;

import static com.clustertokens.testing.Lambda.invokeFailing;
import static org.assertj.core.api.Assertions.assertThat;

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
@TestProfile(Exports.ListTokens.class)
@WithTestResource(value = PrivateCaClusterResource.class, initArgs = {
        @ResourceArg(name = "trusted", value = "true"),
        @ResourceArg(name = "names", value = "dns:cluster.elsewhere.example")})
class ClusterTlsWrongHostTest {

    @InjectWireMock
    WireMockServer cluster;

    @BeforeEach
    void forgetEarlierRequests() {
        cluster.resetRequests();
    }

    @Test
    void refusesATrustedCasCertificateIssuedForAnotherHost() {
        String message = invokeFailing("{}");
        String clusterUrl = "https://127.0.0.1:" + cluster.httpsPort();

        assertThat(message).contains("ClusterUnavailableException", clusterUrl, "TLS handshake failed",
                "No subject alternative names matching IP address 127.0.0.1");
        assertThat(cluster.getAllServeEvents()).as("no request got past the handshake").isEmpty();
    }
}
