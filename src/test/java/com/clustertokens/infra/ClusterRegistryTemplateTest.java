package com.clustertokens.infra;

import static com.clustertokens.infra.SamTemplate.list;
import static com.clustertokens.infra.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.clustertokens.cluster.ClusterRegistry;

/** The registry in infra/template.yaml: who may read it and what no one may miss about it. */
class ClusterRegistryTemplateTest {

    private static final Map<String, Object> PARAMETER_ARN = Map.of("Fn::Sub", "arn:${AWS::Partition}:ssm:"
            + "${AWS::Region}:${AWS::AccountId}:parameter${ClusterRegistryParameter}");

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

    @Test
    void givesFleetClustersTheRegistryParameterAndNoApiTokenSecret() {
        Map<String, Set<Object>> grants = grantsOf("FleetClustersRole");

        assertThat(grants.keySet()).as("fleet-clusters lists names, it calls no cluster").noneMatch(action -> action
                .startsWith("secretsmanager:"));
        assertThat(grants.get("ssm:GetParameter")).containsExactly(PARAMETER_ARN);
        assertThat(grants.keySet()).containsExactlyInAnyOrder("ssm:GetParameter", "logs:CreateLogStream",
                "logs:PutLogEvents");
        assertThat(grantsOf("FleetReportRole").get("secretsmanager:GetSecretValue")).as("fleet-report calls clusters")
                .isNotEmpty();
    }

    /** Every action the role grants, its inline and attached managed policies together, with its resources. */
    private Map<String, Set<Object>> grantsOf(String roleId) {
        Map<String, Object> role = map(map(template.resources().get(roleId)).get("Properties"));
        List<Object> statements = new ArrayList<>();
        for (Object policy : list(role.get("Policies"))) {
            statements.addAll(list(map(map(policy).get("PolicyDocument")).get("Statement")));
        }
        for (Object attached : list(role.get("ManagedPolicyArns"))) {
            Object policy = template.resources().get(String.valueOf(map(attached).get("Ref")));
            statements.addAll(list(map(map(map(policy).get("Properties")).get("PolicyDocument")).get("Statement")));
        }
        Map<String, Set<Object>> grants = new HashMap<>();
        for (Object statement : statements) {
            for (Map<String, Object> granted : unconditioned(map(statement))) {
                for (Object action : CloudFormationYaml.asList(granted.get("Action"))) {
                    grants.computeIfAbsent(String.valueOf(action), k -> new HashSet<>()).addAll(CloudFormationYaml
                            .asList(granted.get("Resource")));
                }
            }
        }
        return grants;
    }

    /** The statement, or each branch of its Fn::If that is a statement (the deployment with and without it). */
    private static List<Map<String, Object>> unconditioned(Map<String, Object> statement) {
        if (!statement.containsKey("Fn::If")) {
            return List.of(statement);
        }
        List<Object> branches = list(statement.get("Fn::If"));
        return branches.subList(1, 3).stream().filter(b -> b instanceof Map<?, ?> m && m.containsKey("Action"))
                .map(SamTemplate::map).toList();
    }
}
