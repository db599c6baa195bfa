package com.clustertokens.infra;

import static com.clustertokens.infra.SamTemplate.list;
import static com.clustertokens.infra.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.clustertokens.fleet.ClusterOutcome;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The nightly fleet run's state machine in infra/template.yaml: its steps, retries, catch, limits and schedule. */
class FleetStateMachineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> LAMBDA_ERRORS = Set.of("Lambda.ServiceException", "Lambda.AWSLambdaException",
            "Lambda.SdkClientException", "Lambda.TooManyRequestsException");

    private final SamTemplate template = SamTemplate.load();
    private final Map<String, Object> machine = map(map(template.resources().get("FleetStateMachine"))
            .get("Properties"));
    private final Map<String, Object> states = map(map(machine.get("Definition")).get("States"));

    /** The states of one cluster's iteration. */
    static Map<String, Object> iterationStates(SamTemplate template) {
        Map<String, Object> definition = map(map(map(template.resources().get("FleetStateMachine")).get("Properties"))
                .get("Definition"));
        return map(map(map(map(definition.get("States")).get("EachCluster")).get("ItemProcessor")).get("States"));
    }

    @Test
    void callsTheLiveAliasOfEachDeployedStepFunctionAndMayInvokeOnlyThose() {
        Map<String, Object> substitutions = map(machine.get("DefinitionSubstitutions"));
        Map<String, String> stepFunctions = Map.of("FleetClusters", "FleetClustersFunction", "FleetReport",
                "FleetReportFunction", "FleetSummary", "FleetSummaryFunction", "RemediateTokens",
                "RemediateTokensFunction", "RotationFollowUp", "RotationFollowUpFunction");
        stepFunctions.forEach((placeholder, function) -> {
            assertThat(substitutions.get(placeholder)).isEqualTo(Map.of("Ref", function + ".Alias"));
            assertThat(template.functions()).containsKey(function);
        });
        assertThat(template.functions().get("FleetClustersFunction").export()).isEqualTo("fleet-clusters");
        assertThat(template.functions().get("FleetReportFunction").export()).isEqualTo("fleet-report");
        assertThat(template.functions().get("FleetSummaryFunction").export()).isEqualTo("fleet-summary");
        assertThat(functionOf(states.get("Clusters"))).isEqualTo("${FleetClusters}");
        assertThat(functionOf(iterationStates(template).get("Report"))).isEqualTo("${FleetReport}");
        assertThat(functionOf(states.get("Summary"))).isEqualTo("${FleetSummary}");
        Set<Object> invocable = list(machine.get("Policies")).stream().map(SamTemplate::map)
                .filter(policy -> policy.containsKey("LambdaInvokePolicy"))
                .map(policy -> map(policy.get("LambdaInvokePolicy")).get("FunctionName")).collect(Collectors.toSet());
        assertThat(invocable).containsExactlyInAnyOrderElementsOf(stepFunctions.values().stream()
                .map(function -> Map.of("Ref", function)).toList());
    }

    @Test
    void mapsOverTheRegistryAtTheTemplatesConcurrencyAndCatchesEachClustersFailureAsItsLine() {
        assertThat(states.keySet()).containsExactly("Clusters", "EachCluster", "Summary");
        Map<String, Object> each = map(states.get("EachCluster"));
        assertThat(each.get("Type")).isEqualTo("Map");
        assertThat(each.get("ItemsPath")).isEqualTo("$.clusters");
        assertThat(each.get("MaxConcurrencyPath")).isEqualTo("$.maxConcurrency");
        assertThat(map(map(states.get("Clusters")).get("ResultSelector")))
                .containsEntry("maxConcurrency.$", "$.Payload.maxConcurrency");
        assertThat(template.functions().get("FleetClustersFunction").environment().get("FLEET_MAP_CONCURRENCY"))
                .isEqualTo(Map.of("Ref", "FleetConcurrency"));
        Map<String, Object> parameter = map(template.parameters().get("FleetConcurrency"));
        assertThat(((Number) parameter.get("MaxValue")).intValue()).isEqualTo(40);
        assertThat(((Number) parameter.get("MinValue")).intValue()).isEqualTo(1);

        Map<String, Object> report = map(iterationStates(template).get("Report"));
        assertThat(report.get("OutputPath")).isEqualTo("$.Payload");
        assertThat(list(report.get("Catch"))).containsExactly(Map.of("ErrorEquals", List.of("States.ALL"),
                "ResultPath", "$.error", "Next", "Failed"));
        Map<String, Object> failed = map(iterationStates(template).get("Failed"));
        assertThat(failed.get("Type")).isEqualTo("Pass");
        // The fields of a ClusterOutcome the summary reads, from what the catch put at $.error; remediation's counts
        // even when the report failed.
        JsonNode line = PassStates.output(failed, JSON.createObjectNode().put("cluster", "c01").put("scheduledTime",
                "2026-11-30T03:00:00Z").<com.fasterxml.jackson.databind.node.ObjectNode>set("error", JSON
                        .createObjectNode().put("Error", "States.TaskFailed").put("Cause", "{\"errorMessage\":\"x\"}"))
                .set("remediation", JSON.createObjectNode().<com.fasterxml.jackson.databind.node.ObjectNode>set(
                        "outcome", JSON.createObjectNode().put("run", "schedule at 2026-11-30T03:00:00Z").put(
                                "applied", true).put("revoked", 2)).set("actions", JSON.createArrayNode())));
        assertThat(line).isEqualTo(JSON.createObjectNode().put("cluster", "c01").put("status", "failed")
                .put("errorType", "States.TaskFailed").put("error", "{\"errorMessage\":\"x\"}").set("remediation",
                        JSON.createObjectNode().put("run", "schedule at 2026-11-30T03:00:00Z").put("applied", true)
                                .put("revoked", 2)));
        assertThat(Arrays.stream(ClusterOutcome.class.getRecordComponents()).map(RecordComponent::getName))
                .contains("cluster", "status", "errorType", "error", "remediation");
        assertThat(each.get("ResultPath")).isEqualTo("$.results");
        assertThat(map(map(map(states.get("Summary")).get("Parameters")).get("Payload")))
                .isEqualTo(Map.of("scheduledTime.$", "$.scheduledTime", "results.$", "$.results"));
    }

    @Test
    void boundsAFailedClustersLineWhateverTheErrorItCaught() {
        Map<String, Object> failed = map(iterationStates(template).get("Failed"));
        JsonNode caught = JSON.createObjectNode().put("cluster", "c01").set("error", JSON.createObjectNode()
                .put("Error", "E".repeat(300)).put("Cause", "C".repeat(40_000)));
        JsonNode withoutCause = JSON.createObjectNode().put("cluster", "c01").set("error", JSON.createObjectNode()
                .put("Error", "States.Timeout"));

        JsonNode line = PassStates.output(failed, caught);

        assertThat(line.path("errorType").asText()).isEqualTo("E".repeat(64));
        assertThat(line.path("error").asText()).isEqualTo("C".repeat(200));
        assertThat(PassStates.output(failed, withoutCause).path("error").asText()).as("a Cause-less error still "
                + "makes a line").isEmpty();
        assertThat(PassStates.output(failed, withoutCause).path("remediation")).as("no remediation step: no counts")
                .isEqualTo(JSON.createObjectNode());
    }

    @Test
    void boundsAFailedRemediationStepsErrorInAFailedClustersLineAsItsOwn() {
        Map<String, Object> failed = map(iterationStates(template).get("Failed"));
        JsonNode caught = JSON.createObjectNode().put("cluster",
                "c01").<com.fasterxml.jackson.databind.node.ObjectNode>set(
                        "error", JSON.createObjectNode().put("Error", "States.TaskFailed").put("Cause", "x")).set(
                                "remediation", JSON.createObjectNode().set("outcome", JSON.createObjectNode().set(
                                        "failure",
                                        JSON.createObjectNode().put("Error", "E".repeat(300)).put("Cause", "C".repeat(
                                                32_000)))));

        JsonNode remediation = PassStates.output(failed, caught).path("remediation");

        assertThat(remediation).isEqualTo(JSON.createObjectNode().set("failure", JSON.createObjectNode().put("Error",
                "E".repeat(64)).put("Cause", "C".repeat(200))));
    }

    @Test
    void retriesEveryStepOnLambdasOwnErrorsWithBackOffAndJitter() {
        for (Object state : List.of(states.get("Clusters"), iterationStates(template).get("Report"),
                iterationStates(template).get("Remediate"), states.get("Summary"))) {
            List<Map<String, Object>> retries = list(map(state).get("Retry")).stream().map(SamTemplate::map).toList();
            assertThat(retries).as(String.valueOf(state)).isNotEmpty();
            Set<Object> retried = retries.stream().flatMap(r -> list(r.get("ErrorEquals")).stream())
                    .collect(Collectors.toSet());
            assertThat(retried).containsAll(LAMBDA_ERRORS);
            retries.forEach(retry -> {
                assertThat(((Number) retry.get("MaxAttempts")).intValue()).isBetween(1, 3);
                assertThat(((Number) retry.get("IntervalSeconds")).intValue()).isPositive();
            });
        }
    }

    @Test
    void startsNightlyWithTheScheduledTimeAsTheRunsIdentityAndADeadLetterQueue() throws Exception {
        Map<String, Object> schedule = map(map(map(machine.get("Events")).get("Nightly")).get("Properties"));
        assertThat(map(map(machine.get("Events")).get("Nightly")).get("Type")).isEqualTo("ScheduleV2");
        assertThat(schedule.get("ScheduleExpression")).isEqualTo(Map.of("Ref", "ScheduleExpression"));
        assertThat(schedule.get("ScheduleExpressionTimezone")).isEqualTo(Map.of("Ref", "ScheduleTimezone"));
        assertThat(map(template.parameters().get("ScheduleExpression")).get("Default")).isEqualTo("cron(0 3 * * ? *)");
        // The schedule's input reaches fleet-clusters as it is (Payload.$: $); the sample is that input delivered.
        JsonNode sample = JSON.readTree(SampleEvents.read(SampleEvents.DIR.resolve("fleet-clusters.direct.json")));
        assertThat(JSON.readTree(String.valueOf(schedule.get("Input")).replace("<aws.scheduler.scheduled-time>",
                sample.get("scheduledTime").asText()))).isEqualTo(sample);
        assertThat(map(map(states.get("Clusters")).get("Parameters"))).containsEntry("Payload.$", "$");
        assertThat(map(schedule.get("RetryPolicy"))).containsKeys("MaximumRetryAttempts", "MaximumEventAgeInSeconds");
        String deadLetterId = String.valueOf(
                list(map(map(schedule.get("DeadLetterConfig")).get("Arn")).get("Fn::GetAtt")).get(0));
        assertThat(map(template.resources().get(deadLetterId)).get("Type")).isEqualTo("AWS::SQS::Queue");
        assertThat(template.resourcesOfType("AWS::CloudWatch::Alarm").values().stream()
                .map(alarm -> map(alarm.get("Properties"))).filter(p -> "ExecutionsFailed".equals(p.get("MetricName")))
                .toList()).hasSize(1);
    }

    @Test
    void keepsReportsInAPrivateEncryptedBucketThatExpiresThem() {
        Map<String, Object> bucket = map(map(template.resources().get("ReportBucket")).get("Properties"));
        assertThat(map(bucket.get("PublicAccessBlockConfiguration"))).isEqualTo(Map.of("BlockPublicAcls", true,
                "BlockPublicPolicy", true, "IgnorePublicAcls", true, "RestrictPublicBuckets", true));
        assertThat(bucket.get("BucketEncryption").toString()).contains("SSEAlgorithm=AES256");
        Map<String, Object> rule = map(list(map(bucket.get("LifecycleConfiguration")).get("Rules")).get(0));
        assertThat(rule.get("Status")).isEqualTo("Enabled");
        assertThat(rule.get("ExpirationInDays")).isEqualTo(Map.of("Ref", "ReportRetentionDays"));
        assertThat(template.functions().get("FleetReportFunction").environment().get("FLEET_REPORT_BUCKET"))
                .isEqualTo(Map.of("Ref", "ReportBucket"));
    }

    private static Object functionOf(Object state) {
        return map(map(state).get("Parameters")).get("FunctionName");
    }
}
