package com.clustertokens.cluster;

import static com.clustertokens.testing.Lambda.invokeOk;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.testing.Exports;
import com.clustertokens.testing.InjectWireMock;
import com.clustertokens.testing.TestTokens;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(Exports.ListTokens.class)
@WithTestResource(value = PrivateCaClusterResource.class, initArgs = @ResourceArg(name = "trusted", value = "true"))
class ClusterTlsTrustedCaTest {

    @InjectWireMock
    WireMockServer cluster;

    @BeforeEach
    void forgetEarlierRequests() {
        cluster.resetRequests();
    }

    @Test
    void listsTokensFromAClusterWhoseCertificateThePrivateCaSigned() {
        var response = invokeOk("{}").extract();

        assertThat(response.<List<String>>path("values.name")).containsExactly("behind-private-ca");
        List<ServeEvent> served = cluster.getAllServeEvents();
        assertThat(served).hasSize(1);
        var request = served.get(0).getRequest();
        assertThat(request.getMethod().getName()).isEqualTo("GET");
        assertThat(request.getUrl()).startsWith(PrivateCaClusterResource.TOKENS);
        assertThat(request.getAbsoluteUrl()).startsWith("https://127.0.0.1:" + cluster.httpsPort());
        assertThat(TestTokens.isApiTokenHeader(request.getHeader("Authorization")))
                .as("the request carried the API token").isTrue();
    }
}
