package com.clustertokens.infra;

import static com.clustertokens.infra.SamTemplate.list;
import static com.clustertokens.infra.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.clustertokens.cluster.ClusterRegistry;

/** The registry in infra/template.yaml: who may read it and what no one may miss about it. */
class ClusterRegistryTemplateTest {

    private final SamTemplate template = SamTemplate.load();

    @Test
    void alarmsOnARefreshThatKeptTheRegistryReadBefore() {
        List<Map<String, Object>> watching = template.resourcesOfType("AWS::CloudWatch::Alarm").values().stream()
                .filter(alarm -> ClusterRegistry.METRICS_NAMESPACE.equals(map(alarm.get("Properties")).get(
                        "Namespace"))).toList();

        assertThat(watching).hasSize(1);
        assertThat(watching.get(0).get("Condition")).isEqualTo("HasRegistry");
        Map<String, Object> alarm = map(watching.get(0).get("Properties"));
        assertThat(alarm.get("MetricName")).isEqualTo(ClusterRegistry.REFRESH_FAILED);
        assertThat(alarm).doesNotContainKey("Dimensions");
        assertThat(alarm.get("Statistic")).isEqualTo("Sum");
        assertThat(alarm.get("Threshold")).isEqualTo(1);
        assertThat(alarm.get("ComparisonOperator")).isEqualTo("GreaterThanOrEqualToThreshold");
        assertThat(alarm.get("TreatMissingData")).isEqualTo("notBreaching");
        assertThat(list(alarm.get("AlarmActions"))).containsExactly(Map.of("Ref", "ReportTopic"));
    }
}
