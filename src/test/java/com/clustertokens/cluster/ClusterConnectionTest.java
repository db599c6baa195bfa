package com.clustertokens.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** A call near the deadline goes through a client whose timeouts are the time left, rounded down to few steps. */
class ClusterConnectionTest {

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
