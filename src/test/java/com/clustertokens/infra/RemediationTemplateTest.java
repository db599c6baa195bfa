package com.clustertokens.infra;

import static com.clustertokens.infra.SamTemplate.list;
import static com.clustertokens.infra.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.clustertokens.error.ConfigurationException;
import com.clustertokens.fleet.RemediationStep;
import com.clustertokens.hygiene.report.StalePeriod;
import com.clustertokens.infra.SamTemplate.DeployedFunction;
import com.clustertokens.remediation.RemediationConfig;
import com.clustertokens.remediation.RemediationPolicy;
import com.clustertokens.remediation.RemediationReport;
import com.clustertokens.remediation.RemediationService;
import com.clustertokens.remediation.RestoreCommand;
import com.clustertokens.remediation.RunOutcome;
import com.clustertokens.testing.ConfigMappings;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.config.WithDefault;

/** Remediation in infra/template.yaml: plan by default, the ledger it writes, least privilege, the nightly apply. */
class RemediationTemplateTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Object> LEDGER = Map.of("Fn::GetAtt", List.of("RemediationLedgerTable", "Arn"));

    private final SamTemplate template = SamTemplate.load();

    @Test
    void plansOnlyUnlessTheDeploymentSaysApplyAsTheCodeDoes() throws Exception {
        Map<String, Object> mode = map(template.parameters().get("RemediationMode"));

        assertThat(mode.get("Default")).isEqualTo("plan")
                .isEqualTo(RemediationConfig.class.getMethod("mode").getAnnotation(WithDefault.class).value());
        assertThat(list(mode.get("AllowedValues"))).containsExactly("plan", "apply");
        assertThat(map(template.root().get("Conditions")).get("RemediationApplies"))
                .isEqualTo(Map.of("Fn::Equals", List.of(Map.of("Ref", "RemediationMode"), "apply")));
        for (String function : List.of("remediate-tokens", "stale-tokens")) {
            assertThat(function(function).environment().get("REMEDIATION_MODE")).as(function)
                    .isEqualTo(Map.of("Ref", "RemediationMode"));
        }
    }

    @Test
    void acceptsOnlyPeriodsAndLimitsThePolicyAccepts() throws Exception {
        String period = StalePeriod.PATTERN;
        assertThat(map(template.parameters().get("RevokeAfter")).get("AllowedPattern"))
                .isEqualTo("^$|" + period);
        assertThat(map(template.parameters().get("DeleteAfter")).get("AllowedPattern"))
                .isEqualTo(RemediationPolicy.DELETE_AFTER_PATTERN);
        assertThat(map(template.parameters().get("DeleteAfter")).get("Default")).isEqualTo(RemediationConfig.class
                .getMethod("deleteAfter").getAnnotation(WithDefault.class).value());
        Map<String, Object> maxActions = map(template.parameters().get("MaxActions"));
        assertThat(maxActions.get("MinValue")).isEqualTo(1);
        assertThat(maxActions.get("MaxValue")).isEqualTo(RemediationPolicy.MAX_ACTIONS_LIMIT);
    }

    @Test
    void refusesInTheTemplateExactlyTheDeletePeriodsTheCodeRefuses() {
        Pattern allowed = Pattern.compile(String.valueOf(map(template.parameters().get("DeleteAfter"))
                .get("AllowedPattern")));
        List<String> periods = new ArrayList<>(List.of("P0D", "P1D", "P7D", "P9999D", "P10000D", "P1W", "P999W",
                "P1000W", "PT0H", "PT99999H", "PT100000H", "P1M", "P1Y", "PT1440M", "P01D", "PT024H", "P1DT1H"));
        for (int hours = 1; hours <= 400; hours++) {
            periods.add("PT" + hours + "H");
        }
        for (String period : periods) {
            RemediationConfig config = ConfigMappings.of(RemediationConfig.class, Map.of("remediation.delete-after",
                    period));
            boolean codeAccepts;
            try {
                RemediationPolicy.of(config, StalePeriod.parseOrNull("P90D"));
                codeAccepts = true;
            } catch (ConfigurationException e) {
                codeAccepts = false;
            }
            assertThat(allowed.matcher(period).matches()).as(period).isEqualTo(codeAccepts);
        }
        assertThat(allowed.matcher("PT23H").matches()).isFalse();
        assertThat(allowed.matcher("PT24H").matches()).isTrue();
        assertThat(String.valueOf(map(template.parameters().get("DeleteAfter")).get("ConstraintDescription")))
                .contains("at least a day");
    }

    @Test
    void leavesTheRevokePeriodToEachClustersStalePeriodUnlessOneIsGiven() {
        // Always set, the deployment's stale period would be every cluster's revoke period, too short for a cluster
        // whose own stale period is longer.
        for (String function : List.of("remediate-tokens", "stale-tokens", "fleet-report")) {
            assertThat(function(function).environment().get("REMEDIATION_REVOKE_AFTER")).as(function)
                    .isEqualTo(Map.of("Fn::If", List.of("HasRevokeAfter", Map.of("Ref", "RevokeAfter"),
                            Map.of("Ref", "AWS::NoValue"))));
        }
    }

    @Test
    void passesTheScopeToEveryFunctionThatPlansOrActsAndStatesNoneByDefault() throws Exception {
        Map<String, String> parameters = Map.of("REMEDIATION_SCOPE_OWNERS", "RemediationScopeOwners",
                "REMEDIATION_SCOPE_NAMES", "RemediationScopeNames");
        parameters.forEach((variable, parameter) -> {
            assertThat(map(template.parameters().get(parameter)).get("Default")).as(parameter).isEqualTo("");
            for (String function : List.of("remediate-tokens", "stale-tokens", "fleet-report")) {
                assertThat(function(function).environment().get(variable)).as(function + " " + variable)
                        .isEqualTo(Map.of("Ref", parameter));
            }
        });
        assertThat(RemediationConfig.class.getMethod("scopeOwners").getAnnotation(WithDefault.class)).isNull();
        assertThat(RemediationConfig.class.getMethod("scopeNames").getAnnotation(WithDefault.class)).isNull();
    }

    @Test
    void refusesToDeployOneClusterThatAppliesWithoutAScope() {
        Map<String, Object> rule = map(map(template.root().get("Rules")).get("RemediationScopeStated"));
        assertThat(rule.get("RuleCondition")).isEqualTo(Map.of("Fn::And", List.of(
                Map.of("Fn::Equals", List.of(Map.of("Ref", "RemediationMode"), "apply")),
                Map.of("Fn::Equals", List.of(Map.of("Ref", "ClusterRegistryParameter"), "")))));
        Map<String, Object> assertion = map(list(rule.get("Assertions")).get(0));
        assertThat(assertion.get("Assert")).isEqualTo(Map.of("Fn::Or", List.of(
                Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "RemediationScopeOwners"),
                        "")))),
                Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "RemediationScopeNames"),
                        "")))))));
    }

    @Test
    void declaresTheLedgerWithTheKeysAndTtlTheLedgerWrites() {
        Map<String, Object> table = map(map(template.resources().get("RemediationLedgerTable")).get("Properties"));

        assertThat(list(table.get("KeySchema"))).containsExactly(Map.of("AttributeName", "cluster", "KeyType", "HASH"),
                Map.of("AttributeName", "tokenId", "KeyType", "RANGE"));
        assertThat(table.get("TimeToLiveSpecification")).isEqualTo(Map.of("AttributeName", "expiresAt",
                "Enabled", true));
        assertThat(table.get("BillingMode")).isEqualTo("PAY_PER_REQUEST");
        for (String function : List.of("remediate-tokens", "restore-token", "stale-tokens")) {
            assertThat(function(function).environment().get("REMEDIATION_LEDGER_TABLE")).as(function)
                    .isEqualTo(Map.of("Ref", "RemediationLedgerTable"));
        }
    }

    @Test
    void letsOnlyAnApplyingDeploymentRecordActionsAndThePlanOnlyRead() {
        List<Map<String, Object>> always = new ArrayList<>();
        List<Map<String, Object>> whenApplying = new ArrayList<>();
        statements("RemediateTokensRole").forEach(statement -> {
            if (statement.containsKey("Fn::If")) {
                List<Object> branches = list(statement.get("Fn::If"));
                assertThat(branches.get(0)).isEqualTo("RemediationApplies");
                assertThat(branches.get(2)).isEqualTo(Map.of("Ref", "AWS::NoValue"));
                whenApplying.add(map(branches.get(1)));
            } else {
                always.add(statement);
            }
        });
        assertThat(actionsOn(always, LEDGER)).containsExactlyInAnyOrder("dynamodb:Query", "dynamodb:GetItem");
        assertThat(actionsOn(whenApplying, LEDGER)).containsExactly("dynamodb:PutItem");
        assertThat(actionsOn(statements("RestoreTokenRole"), LEDGER)).containsExactlyInAnyOrder("dynamodb:GetItem",
                "dynamodb:PutItem");
        assertThat(actionsOn(statements("StaleTokensRole"), LEDGER)).containsExactly("dynamodb:Query");
    }

    @Test
    void appliesNightlyInTheFleetRunOnlyWhenTheDeploymentSaysApplyWithTheSampleInput() throws Exception {
        Map<String, Object> states = FleetStateMachineTest.iterationStates(template);
        Map<String, Object> choice = map(states.get("RemediationApplies"));
        assertThat(list(choice.get("Choices"))).containsExactly(Map.of("Variable", "$.remediate", "BooleanEquals",
                true, "Next", "Remediate"));
        assertThat(choice.get("Default")).isEqualTo("Report");
        Map<String, Object> remediate = map(states.get("Remediate"));
        assertThat(map(remediate.get("Parameters")).get("FunctionName")).isEqualTo("${RemediateTokens}");
        Map<String, Object> payload = map(map(remediate.get("Parameters")).get("Payload"));
        assertThat(payload).containsEntry("apply", true).containsKeys("cluster.$", "scheduledTime.$");
        // The sample is what reaches the function, without the cluster a fleet adds.
        JsonNode sample = JSON.readTree(SampleEvents.read(SampleEvents.DIR.resolve(
                "remediate-tokens.schedule-v2.json")));
        assertThat(sample.get("apply").asBoolean()).isTrue();
        assertThat(sample.has("scheduledTime")).isTrue();
        // A failed remediation never stops the cluster's report, and the report is told why.
        assertThat(list(remediate.get("Catch"))).containsExactly(Map.of("ErrorEquals", List.of("States.ALL"),
                "ResultPath", "$.remediation.outcome.failure", "Next", "Report"));
        assertThat(remediate.get("Next")).isEqualTo("Report");
        // The plan-or-apply switch is the deployment's mode, passed on by fleet-clusters.
        assertThat(template.functions().get("FleetClustersFunction").environment().get("REMEDIATION_MODE"))
                .isEqualTo(Map.of("Ref", "RemediationMode"));
    }

    @Test
    void carriesTonightsActionsFromTheRemediateStepToTheReportStepAndItsCountsToTheSummary() {
        Map<String, Object> states = FleetStateMachineTest.iterationStates(template);
        Map<String, Object> each = map(map(map(map(map(template.resources().get("FleetStateMachine"))
                .get("Properties")).get("Definition")).get("States")).get("EachCluster"));
        // Present whether or not the remediate step runs, so every path below it resolves.
        assertThat(map(each.get("ItemSelector")).get("remediation")).isEqualTo(Map.of("outcome", Map.of()));
        Map<String, Object> remediate = map(states.get("Remediate"));
        assertThat(map(remediate.get("ResultSelector"))).isEqualTo(Map.of("outcome.$", "$.Payload.outcome",
                "actions.$", "$.Payload.actions"));
        assertThat(remediate.get("ResultPath")).isEqualTo("$.remediation");
        // The paths exist in what remediate-tokens returns, and the report step reads exactly that shape.
        assertThat(Arrays.stream(RemediationReport.class.getRecordComponents()).map(RecordComponent::getName))
                .contains("outcome", "actions");
        assertThat(Arrays.stream(RemediationStep.class.getRecordComponents()).map(RecordComponent::getName))
                .containsExactly("outcome", "actions");
        assertThat(Arrays.stream(RunOutcome.Failure.class.getRecordComponents()).map(c -> c.getAccessor()
                .getAnnotation(JsonProperty.class).value())).containsExactly("Error", "Cause");
        assertThat(map(map(map(states.get("Report")).get("Parameters")).get("Payload")))
                .containsEntry("remediation.$", "$.remediation");
    }

    @Test
    void givesTheRestoreCommandTheWholePayloadSoAFleetsNamesItsCluster() {
        Object command = template.functions().get("RemediateTokensFunction").environment()
                .get("REMEDIATION_RESTORE_COMMAND");
        String text = String.valueOf(map(command).get("Fn::Sub"));

        assertThat(RestoreCommand.of(text, "prod-eu", "<id>")).contains("--payload '{\"cluster\":\"prod-eu\","
                + "\"token\":\"<id>\",\"format\":\"text\"}'");
        assertThat(RestoreCommand.of(text, null, "<id>")).contains("--payload '{\"token\":\"<id>\","
                + "\"format\":\"text\"}'");
    }

    @Test
    void alarmsOnEveryFailedOrUnknownActionTheFunctionLogs() {
        Map<String, Object> filter = map(map(template.resources().get("RemediationFailedActionsMetric"))
                .get("Properties"));
        assertThat(filter.get("LogGroupName")).isEqualTo(Map.of("Ref", "RemediateTokensLogGroup"));
        assertThat(filter.get("FilterPattern")).isEqualTo("\"" + RemediationService.FAILED_ACTION_MARKER + "\"");
        Map<String, Object> metric = map(list(filter.get("MetricTransformations")).get(0));
        Map<String, Object> alarm = map(map(template.resources().get("RemediationFailedActionsAlarm"))
                .get("Properties"));
        assertThat(alarm.get("Namespace")).isEqualTo(metric.get("MetricNamespace"));
        assertThat(alarm.get("MetricName")).isEqualTo(metric.get("MetricName"));
        assertThat(((Number) alarm.get("Threshold")).intValue()).isEqualTo(1);
        assertThat(list(alarm.get("AlarmActions"))).containsExactly(Map.of("Ref", "ReportTopic"));
    }

    private DeployedFunction function(String export) {
        return template.functions().values().stream().filter(l -> export.equals(l.export())).findFirst()
                .orElseThrow();
    }

    private List<Map<String, Object>> statements(String role) {
        return list(map(map(list(map(map(template.resources().get(role)).get("Properties")).get("Policies")).get(0))
                .get("PolicyDocument")).get("Statement")).stream().map(SamTemplate::map).toList();
    }

    private static Set<String> actionsOn(List<Map<String, Object>> statements, Object resource) {
        return statements.stream().filter(s -> !s.containsKey("Fn::If"))
                .filter(s -> CloudFormationYaml.asList(s.get("Resource")).contains(resource))
                .flatMap(s -> CloudFormationYaml.asList(s.get("Action")).stream().map(String::valueOf))
                .collect(Collectors.toSet());
    }
}
