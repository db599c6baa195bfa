package com.clustertokens.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class EffectiveReadTimeoutTest {

    private static final Duration MARGIN = Duration.ofSeconds(1);

    @Test
    void keepsTheReadTimeoutWhenNoInvocationTimeoutIsSet() {
        assertThat(ClusterTokenClient.effectiveReadTimeout(Duration.ofSeconds(30), Optional.empty(), MARGIN))
                .isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void keepsAReadTimeoutThatFitsInTheInvocationBudget() {
        assertThat(ClusterTokenClient.effectiveReadTimeout(Duration.ofSeconds(10), Optional.of(Duration.ofSeconds(60)),
                MARGIN)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void capsAReadTimeoutLongerThanTheInvocationBudget() {
        assertThat(ClusterTokenClient.effectiveReadTimeout(Duration.ofSeconds(30), Optional.of(Duration.ofSeconds(15)),
                MARGIN)).isEqualTo(Duration.ofSeconds(14));
    }

    @Test
    void neverCapsBelowAUsableMinimum() {
        assertThat(ClusterTokenClient.effectiveReadTimeout(Duration.ofSeconds(30), Optional.of(Duration.ofMillis(500)),
                MARGIN)).isEqualTo(Duration.ofMillis(100));
    }
}
