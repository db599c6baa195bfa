package com.clustertokens.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.clustertokens.cluster.RegisteredCluster;

class TokenSecretStoreTest {

    private static final RegisteredCluster PROD = new RegisteredCluster("prod", "https://prod.example.com", "arn",
            null, null, null, null, new RegisteredCluster.Origin("DT_CLUSTERS"));

    /** The one cluster of the single-cluster variables. */
    private static final RegisteredCluster SINGLE = RegisteredCluster.single("https://managed.example.com", null, "t");

    private final TokenSecretStore store = new TokenSecretStore(null, new CreateTokenConfig() {
        @Override
        public String secretPrefix() {
            return "cluster-tokens/";
        }

        @Override
        public Optional<String> idempotencyTable() {
            return Optional.empty();
        }

        @Override
        public Duration idempotencyTtl() {
            return Duration.ofDays(7);
        }

        @Override
        public Duration idempotencyLock() {
            return Duration.ofMinutes(2);
        }

        @Override
        public Duration reconcileClockSkew() {
            return Duration.ofSeconds(30);
        }

        @Override
        public Duration awsCallsTime() {
            return Duration.ofSeconds(10);
        }

        @Override
        public int rotateAfterDays() {
            return 0;
        }

        @Override
        public Optional<String> rotationFunctionArn() {
            return Optional.empty();
        }
    });

    @Test
    void namesTheSecretAfterTheTokenWithCharactersSecretsManagerAllowsAndAKeyDerivedSuffix() {
        String name = store.secretName(SINGLE, "CI déploiement #3 (prod)", "msg-1");

        assertThat(name).isEqualTo("cluster-tokens/CI_d_ploiement__3__prod_-" + TokenSecretStore.sha256("msg-1")
                .substring(0, 12));
        assertThat(store.secretName(SINGLE, "CI déploiement #3 (prod)", "msg-1")).as("stable for one key")
                .isEqualTo(name);
        assertThat(store.secretName(SINGLE, "CI déploiement #3 (prod)", "msg-2")).as("apart for another")
                .isNotEqualTo(name);
    }

    @Test
    void cutsALongTokenNameSoTheSecretNameStaysWithinSecretsManagersLimit() {
        String name = store.secretName(SINGLE, "x".repeat(600), "k");

        assertThat(name).hasSize(512).startsWith("cluster-tokens/xxx").matches(".*-[0-9a-f]{12}");
    }

    @Test
    void givesRequestsWithoutAKeyARandomSuffix() {
        assertThat(store.secretName(SINGLE, "same", null)).isNotEqualTo(store.secretName(SINGLE, "same", null))
                .matches("cluster-tokens/same-[0-9a-f]{12}");
    }

    @Test
    void keepsAFleetClustersSecretsInItsOwnFolderWithTheirOwnSuffix() {
        String single = store.secretName(SINGLE, "ci", "msg-1");
        String prod = store.secretName(PROD, "ci", "msg-1");

        assertThat(prod).startsWith("cluster-tokens/prod/ci-").isNotEqualTo("cluster-tokens/prod/" + single
                .substring("cluster-tokens/".length()));
    }
}
