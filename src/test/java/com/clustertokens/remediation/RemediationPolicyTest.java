package com.clustertokens.remediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.clustertokens.error.ConfigurationException;
import com.clustertokens.hygiene.report.StalePeriod;

/** The policy's rules, for the deployment and under a cluster's own settings. */
class RemediationPolicyTest {

    private static final StalePeriod STALE = StalePeriod.parseOrNull("P90D");
    private final RemediationPolicy deployment = new RemediationPolicy(StalePeriod.parseOrNull("P120D"),
            StalePeriod.parseOrNull("P14D"), 20, List.of(), StalePeriod.parseOrNull("P30D"));

    @Test
    void keepsTheDeploymentsValuesWhereAClusterGivesNone() {
        RemediationPolicy overlaid = deployment.overlaidWith("prod", new RemediationPolicy.Overrides(null, "P7D",
                5, List.of("ci-*"), null), STALE);

        assertThat(overlaid.revokeAfter().text()).isEqualTo("P120D");
        assertThat(overlaid.deleteAfter().text()).isEqualTo("P7D");
        assertThat(overlaid.maxActions()).isEqualTo(5);
        assertThat(overlaid.exclude()).containsExactly("ci-*");
        assertThat(overlaid.restoreHold().text()).isEqualTo("P30D");
    }

    @Test
    void refusesARevokePeriodShorterThanTheStalePeriodNamingTheClustersSetting() {
        assertThatThrownBy(() -> deployment.overlaidWith("prod", new RemediationPolicy.Overrides("P30D", null, 0,
                null, null), STALE))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("cluster prod: revokeAfter: P30D is shorter than the stale period P90D")
                .hasMessageContaining("cluster prod: maxActions: must be between 1 and 500, got 0");
    }

    @Test
    void keepsEveryOverrideAbsentWithNone() {
        assertThat(deployment.overlaidWith("prod", RemediationPolicy.Overrides.NONE, STALE)).isEqualTo(deployment);
    }
}
