package com.clustertokens.token;

import static com.clustertokens.testing.Lambda.invokeFailing;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.clustertokens.testing.Exports;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(Exports.ListTokens.class)
class MissingClusterUrlTest {

    @Test
    void failsTheInvocationNamingTheMissingVariable() {
        assertThat(invokeFailing("{}")).contains("ConfigurationException", "DT_CLUSTER_URL is not set");
    }

    @Test
    void stillValidatesInputFirst() {
        assertThat(invokeFailing("{\"limit\":0}")).contains("InvalidInputException", "limit:");
    }
}
