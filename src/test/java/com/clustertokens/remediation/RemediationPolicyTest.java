package com.clustertokens.remediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.clustertokens.cluster.RegisteredCluster;
import com.clustertokens.error.ConfigurationException;
import com.clustertokens.hygiene.report.StalePeriod;
import com.clustertokens.testing.ConfigMappings;

/** The policy's rules, for the deployment and under a cluster's own settings. */
class RemediationPolicyTest {

    private static final StalePeriod STALE = StalePeriod.parseOrNull("P90D");
    private static final StalePeriod LONGER = StalePeriod.parseOrNull("P180D");

    private final RemediationConfig deployment = config(Map.of("remediation.revoke-after", "P120D"));

    @Test
    void keepsTheDeploymentsValuesWhereAClusterGivesNone() {
        RemediationPolicy overlaid = RemediationPolicy.of(deployment, "prod", new RemediationPolicy.Overrides(null,
                "P7D", 5, List.of("ci-*"), null, null), STALE);

        assertThat(overlaid.revokeAfter().text()).isEqualTo("P120D");
        assertThat(overlaid.deleteAfter().text()).isEqualTo("P7D");
        assertThat(overlaid.maxActions()).isEqualTo(5);
        assertThat(overlaid.exclude()).containsExactly("ci-*");
        assertThat(overlaid.restoreHold().text()).isEqualTo("P30D");
    }

    @Test
    void refusesARevokePeriodShorterThanTheStalePeriodNamingTheClustersSetting() {
        assertThatThrownBy(() -> RemediationPolicy.of(deployment, "prod", new RemediationPolicy.Overrides("P30D",
                null, 0, null, null, null), STALE))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("cluster prod: revokeAfter: P30D is shorter than the stale period P90D")
                .hasMessageContaining("cluster prod: maxActions: must be between 1 and 500, got 0");
    }

    @Test
    void keepsEveryOverrideAbsentWithNone() {
        assertThat(RemediationPolicy.of(deployment, "prod", RemediationPolicy.Overrides.NONE, STALE))
                .isEqualTo(RemediationPolicy.of(deployment, STALE));
    }

    @Test
    void givesAClusterWithALongerStalePeriodItsOwnRevokePeriodCheckedAgainstThatPeriod() {
        RemediationPolicy cluster = RemediationPolicy.of(config(Map.of("remediation.revoke-after", "P90D")),
                "archive", new RemediationPolicy.Overrides("P180D", null, null, null, null, null), LONGER);

        assertThat(cluster.revokeAfter().text()).isEqualTo("P180D");
    }

    @Test
    void revokesAfterTheClustersOwnStalePeriodWhenNoRevokePeriodIsSet() {
        RemediationPolicy cluster = RemediationPolicy.of(config(Map.of()), "archive",
                RemediationPolicy.Overrides.NONE, LONGER);

        assertThat(cluster.revokeAfter().text()).isEqualTo("P180D");
    }

    @Test
    void refusesADeletePeriodUnderADayFromTheDeploymentOrFromARegistryEntry() {
        assertThatThrownBy(() -> RemediationPolicy.of(config(Map.of("remediation.delete-after", "PT1H")), STALE))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("REMEDIATION_DELETE_AFTER: PT1H is shorter than one day (P1D)")
                .hasMessageContaining("about a week");
        assertThatThrownBy(() -> RemediationPolicy.of(deployment, "prod", new RemediationPolicy.Overrides(null,
                "PT23H", null, null, null, null), STALE))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("cluster prod: deleteAfter: PT23H is shorter than one day (P1D)");

        assertThat(RemediationPolicy.of(config(Map.of("remediation.delete-after", "PT24H")), STALE).deleteDelay())
                .isEqualTo(java.time.Duration.ofDays(1));
        assertThat(RemediationPolicy.of(config(Map.of("remediation.delete-after", "P1D")), STALE).deleteAfter()
                .text()).isEqualTo("P1D");
    }

    @Test
    void takesAClustersOwnScopeInPlaceOfTheDeploymentsWhole() {
        RemediationConfig scoped = config(Map.of("remediation.scope-owners", "svc-ci", "remediation.scope-names",
                "ci-*"));

        RemediationPolicy cluster = RemediationPolicy.of(scoped, "prod", new RemediationPolicy.Overrides(null, null,
                null, null, null, new RegisteredCluster.Remediation.Scope(List.of("bob"), null)), STALE);

        assertThat(RemediationPolicy.of(scoped, STALE).scope().owners()).containsExactly("svc-ci");
        assertThat(RemediationPolicy.of(scoped, STALE).scope().names()).containsExactly("ci-*");
        assertThat(cluster.scope().owners()).containsExactly("bob");
        assertThat(cluster.scope().names()).as("not the deployment's: a cluster's scope is whole").isEmpty();
        assertThat(cluster.scope().whyOutside("anything", "bob")).isNull();
        assertThat(cluster.scope().whyOutside("ci-deploy", "svc-ci")).isEqualTo("outside remediation scope: its "
                + "owner matches no entry of cluster prod: remediation.scope.owners");
    }

    @Test
    void hasNoScopeUntilOneIsStatedAndSaysWhereToStateIt() {
        RemediationScope none = RemediationPolicy.of(deployment, "prod", RemediationPolicy.Overrides.NONE, STALE)
                .scope();

        assertThat(none.stated()).isFalse();
        assertThat(none.whyOutside("job", "bob")).startsWith("outside remediation scope: no scope is set")
                .contains("REMEDIATION_SCOPE_OWNERS", "REMEDIATION_SCOPE_NAMES", "remediation.scope");
    }

    @Test
    void refusesAnEmptyScopeOfAClusterAndABlankEntryNamingTheSetting() {
        assertThatThrownBy(() -> RemediationPolicy.of(deployment, "prod", new RemediationPolicy.Overrides(null,
                null, null, null, null, new RegisteredCluster.Remediation.Scope(List.of(), null)), STALE))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("cluster prod: remediation.scope: give owners, names or both");
        assertThatThrownBy(() -> RemediationPolicy.of(deployment, "prod", new RemediationPolicy.Overrides(null,
                null, null, null, null, new RegisteredCluster.Remediation.Scope(null, List.of("ci-*", " "))), STALE))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("cluster prod: remediation.scope.names[1]: must be an owner or name pattern, "
                        + "not blank");
    }

    private static RemediationConfig config(Map<String, String> properties) {
        return ConfigMappings.of(RemediationConfig.class, properties);
    }
}
