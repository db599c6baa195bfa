package com.clustertokens.cluster;

import static com.clustertokens.testing.Lambda.invokeFailing;
import static com.clustertokens.testing.Lambda.invokeOk;
import static com.clustertokens.testing.SecretsManagerStubs.noSuchSecret;
import static com.clustertokens.testing.SecretsManagerStubs.secretReads;
import static com.clustertokens.testing.SecretsManagerStubs.secretValue;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.aws.SecretValues;
import com.clustertokens.hygiene.delivery.AwsStandInResource;
import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.testing.Exports;
import com.clustertokens.testing.InjectSimulatedCluster;
import com.clustertokens.testing.InjectWireMock;
import com.clustertokens.testing.SimulatedClusterResource;
import com.clustertokens.testing.TestTokens;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(ApiTokenFromSecretsManagerTest.Profile.class)
@WithTestResource(SimulatedClusterResource.class)
@WithTestResource(AwsStandInResource.class)
class ApiTokenFromSecretsManagerTest {

    static final String ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:cluster-api-token-AbCdEf";

    /** list-tokens reading its API token from Secrets Manager, as deployed. */
    public static class Profile extends Exports.Export {
        public Profile() {
            super("list-tokens", Map.of("dt.api-token-secret-arn", ARN));
        }
    }

    @InjectSimulatedCluster
    SimulatedCluster cluster;

    @InjectWireMock
    WireMockServer aws;

    @Inject
    SecretValues secrets;

    @BeforeEach
    void reset() {
        aws.resetAll();
        secrets.clear();
        cluster.clearRequests();
    }

    @Test
    void readsTheApiTokenFromSecretsManagerOnceAndReusesIt() throws Exception {
        stubSecret(TestTokens.API_TOKEN);

        invokeOk("{}");
        invokeOk("{}");

        assertThat(cluster.requests()).hasSize(2).allSatisfy(request -> assertThat(
                TestTokens.isApiTokenHeader(request.header("authorization").orElse(null))).isTrue());
        var reads = secretReads(aws);
        assertThat(reads).as("the second invocation reuses the cached value").hasSize(1);
        assertThat(new ObjectMapper().readTree(reads.get(0).getBodyAsString()).get("SecretId").asText())
                .isEqualTo(ARN);
    }

    @Test
    void readsTheSecretAgainOnceTheCacheExpiresSoARotationIsPickedUp() {
        stubSecret("abcdefjhij1234567890");
        assertThat(invokeFailing("{}")).contains("AuthenticationFailedException");

        secrets.clear();
        stubSecret(TestTokens.API_TOKEN);
        invokeOk("{}");

        assertThat(TestTokens.isApiTokenHeader(cluster.requests().get(cluster.requests().size() - 1)
                .header("authorization").orElse(null))).isTrue();
    }

    @Test
    void aRefusedCachedTokenIsReadAgainAndTheRequestSentOnceMoreWithTheRotatedValue() {
        stubSecret(TestTokens.API_TOKEN);
        invokeOk("{}");
        String rotated = cluster.rotateApiToken();
        try {
            aws.resetAll();
            stubSecret(rotated);
            cluster.clearRequests();

            invokeOk("{}");

            assertThat(cluster.requests()).hasSize(2);
            assertThat(TestTokens.isApiTokenHeader(cluster.requests().get(0).header("authorization").orElse(null)))
                    .as("first with the cached, rotated-away token").isTrue();
            assertThat(("Api-Token " + rotated).equals(cluster.requests().get(1).header("authorization")
                    .orElse(null))).as("then with the value read again").isTrue();
            assertThat(secretReads(aws)).hasSize(1);
        } finally {
            cluster.rotateApiToken(TestTokens.API_TOKEN);
        }
    }

    @Test
    void aRefusedTokenThatReadsTheSameAgainIsReportedWithoutASecondRequest() {
        stubSecret("abcdefjhij1234567890");

        assertThat(invokeFailing("{}")).contains("AuthenticationFailedException", "(401)",
                "Check the secret " + ARN + " (DT_API_TOKEN_SECRET_ARN)");

        assertThat(cluster.requests()).hasSize(1);
        assertThat(secretReads(aws)).as("read at first use, and again after the 401").hasSize(2);
    }

    @Test
    void reportsAMissingSecretByItsArnWithoutCallingTheCluster() {
        noSuchSecret(aws, "Message");

        assertThat(invokeFailing("{}")).contains(ARN, "ResourceNotFoundException");
        assertThat(cluster.requests()).isEmpty();
    }

    @Test
    void refusesAMalformedTokenInTheSecretNamingTheSecretNotTheValue() {
        stubSecret("Api-Token abcdefjhij1234567890");

        String message = invokeFailing("{}");

        assertThat(message).contains("ConfigurationException", ARN, "DT_API_TOKEN_SECRET_ARN", "'Api-Token ' prefix")
                .doesNotContain("abcdefjhij1234567890");
        assertThat(cluster.requests()).isEmpty();
    }

    private void stubSecret(String value) {
        secretValue(aws, ARN, "cluster-api-token", value);
    }
}
