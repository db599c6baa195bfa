package com.clustertokens.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class EffectiveReadTimeoutTest {

    private static final Duration MARGIN = Duration.ofSeconds(1);

    @Test
    void keepsTheReadTimeoutWhenNoInvocationTimeoutIsSet() {
        assertThat(ClusterConnection.effectiveReadTimeout(Duration.ofSeconds(30), Optional.empty(), MARGIN))
                .isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void keepsAReadTimeoutThatFitsInTheInvocationBudget() {
        assertThat(ClusterConnection.effectiveReadTimeout(Duration.ofSeconds(10), Optional.of(Duration.ofSeconds(60)),
                MARGIN)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void capsAReadTimeoutLongerThanTheInvocationBudget() {
        assertThat(ClusterConnection.effectiveReadTimeout(Duration.ofSeconds(30), Optional.of(Duration.ofSeconds(15)),
                MARGIN)).isEqualTo(Duration.ofSeconds(14));
    }

    @Test
    void neverCapsBelowAUsableMinimum() {
        assertThat(ClusterConnection.effectiveReadTimeout(Duration.ofSeconds(30), Optional.of(Duration.ofMillis(500)),
                MARGIN)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void roundsTheTimeLeftOfACallDownToWholeSecondsFromTenSecondsUp() {
        assertThat(ClusterConnection.roundedDown(Duration.ofMillis(28_950))).isEqualTo(Duration.ofSeconds(28));
        assertThat(ClusterConnection.roundedDown(Duration.ofMillis(10_000))).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void roundsTheTimeLeftOfACallDownToTenthsBelowTenSecondsAndNeverBelowTheMinimum() {
        assertThat(ClusterConnection.roundedDown(Duration.ofMillis(9_999))).isEqualTo(Duration.ofMillis(9_900));
        assertThat(ClusterConnection.roundedDown(Duration.ofMillis(1_950))).isEqualTo(Duration.ofMillis(1_900));
        assertThat(ClusterConnection.roundedDown(Duration.ofMillis(40))).isEqualTo(Duration.ofMillis(100));
    }
}
