package com.clustertokens.testing;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/** Starts WireMock on a free port as the cluster, for faults the simulated cluster does not produce. */
public class WireMockClusterResource extends WireMockResource {

    @Override
    protected WireMockConfiguration options() {
        return WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1");
    }

    @Override
    protected Map<String, String> config(WireMockServer server) {
        return Map.of("dt.cluster-url", server.baseUrl(), "dt.api-token", TestTokens.API_TOKEN);
    }
}
