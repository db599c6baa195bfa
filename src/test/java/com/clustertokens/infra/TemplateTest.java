package com.clustertokens.infra;

import static com.clustertokens.infra.SamTemplate.list;
import static com.clustertokens.infra.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.constructor.ConstructorException;

import com.clustertokens.cluster.ClusterConfig;
import com.clustertokens.infra.FunqFunctions.Function;
import com.clustertokens.infra.SamTemplate.DeployedFunction;
import com.clustertokens.lambda.InvocationConfig;
import com.clustertokens.token.CreateTokenConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.config.WithDefault;

/** infra/template.yaml against the code it deploys; no AWS account needed. */
class TemplateTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Actions on resources the template can name: a statement granting one on '*' grants too much. */
    private static final List<String> NAMEABLE_ACTION_PREFIXES = List.of(
            "secretsmanager:GetSecretValue", "secretsmanager:CreateSecret", "secretsmanager:PutSecretValue",
            "sns:", "sqs:", "dynamodb:", "logs:CreateLogStream", "logs:PutLogEvents", "lambda:InvokeFunction");

    /** SAM event types whose source invokes the function asynchronously. */
    private static final Set<String> ASYNC_EVENT_TYPES = Set.of("ScheduleV2", "Schedule", "EventBridgeRule",
            "CloudWatchEvent", "SNS", "S3", "CloudWatchLogs", "IoTRule", "AlexaSkill", "Cognito", "SES");

    /** Allowance for the invocation's start before the first message (Funqy binding, first call after a restore). */
    private static final Duration INVOCATION_START = Duration.ofSeconds(5);

    private static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::AccountId", "AWS::NoValue", "AWS::Partition",
            "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix", "AWS::NotificationARNs");

    private final SamTemplate template = SamTemplate.load();
    private final Map<String, DeployedFunction> deployed = template.functions();
    private final Map<String, Function> functions = FunqFunctions.all();

    @Test
    void readsEveryShortFormIntrinsicAsItsLongForm() {
        Map<String, Object> parsed = CloudFormationYaml.parse("""
                A: !Ref Thing
                B: !GetAtt Queue.Arn
                C: !Sub '${AWS::StackName}-x'
                D: !If [Cond, !Join ['', [a, !Select [0, !Split [',', 'x,y']]]], !Ref AWS::NoValue]
                E: !Not [!Equals [!Ref P, '']]
                F: !And [!Condition X, !Or [!Condition Y, !Condition Z]]
                G: !FindInMap [M, K, V]
                H: !Base64 text
                I: !GetAZs ''
                J: !ImportValue exported
                K: !Cidr [10.0.0.0/16, 2, 8]
                """);

        assertThat(parsed.get("A")).isEqualTo(Map.of("Ref", "Thing"));
        assertThat(parsed.get("B")).isEqualTo(Map.of("Fn::GetAtt", List.of("Queue", "Arn")));
        assertThat(parsed.get("C")).isEqualTo(Map.of("Fn::Sub", "${AWS::StackName}-x"));
        assertThat(parsed.get("D")).isEqualTo(Map.of("Fn::If", List.of("Cond",
                Map.of("Fn::Join", List.of("", List.of("a",
                        Map.of("Fn::Select", List.of(0, Map.of("Fn::Split", List.of(",", "x,y"))))))),
                Map.of("Ref", "AWS::NoValue"))));
        assertThat(parsed.get("E")).isEqualTo(Map.of("Fn::Not", List.of(Map.of("Fn::Equals",
                List.of(Map.of("Ref", "P"), "")))));
        assertThat(parsed.get("F")).isEqualTo(Map.of("Fn::And", List.of(Map.of("Condition", "X"),
                Map.of("Fn::Or", List.of(Map.of("Condition", "Y"), Map.of("Condition", "Z"))))));
        assertThat(parsed.get("K")).isEqualTo(Map.of("Fn::Cidr", List.of("10.0.0.0/16", 2, 8)));
        assertThat(template.root().get("Transform")).isEqualTo("AWS::Serverless-2016-10-31");
    }

    @Test
    void rejectsATagCloudFormationDoesNotKnow() {
        assertThatThrownBy(() -> CloudFormationYaml.parse("A: !Reference Thing"))
                .isInstanceOf(ConstructorException.class).hasMessageContaining("!Reference");
    }

    @Test
    void referencesOnlyDeclaredParametersResourcesAndConditions() {
        Set<String> resources = template.resources().keySet();
        Set<String> parameters = template.parameters().keySet();
        Set<String> conditions = map(template.root().get("Conditions")).keySet();
        List<String> dangling = new ArrayList<>();
        walk(template.root(), (key, value) -> {
            switch (key) {
                case "Ref" -> {
                    // SAM's AutoPublishAlias adds <Function>.Alias and <Function>.Version.
                    String target = value.toString().replaceAll("\\.(Alias|Version)$", "");
                    if (!resources.contains(target) && !parameters.contains(target)
                            && !PSEUDO_PARAMETERS.contains(target)) {
                        dangling.add("Ref " + value);
                    }
                }
                case "Fn::GetAtt" -> {
                    if (!resources.contains(String.valueOf(list(value).get(0)))) {
                        dangling.add("GetAtt " + value);
                    }
                }
                case "Fn::Sub" -> {
                    var names = java.util.regex.Pattern.compile("\\$\\{([^}!]+)}").matcher(String.valueOf(value));
                    while (names.find()) {
                        String name = names.group(1).split("\\.")[0];
                        if (!resources.contains(name) && !parameters.contains(name)
                                && !PSEUDO_PARAMETERS.contains(names.group(1))) {
                            dangling.add("Sub ${" + names.group(1) + "}");
                        }
                    }
                }
                // A policy statement's Condition is a map of operators, not a reference to a template condition.
                case "Fn::If", "Condition" -> {
                    if (value instanceof Map<?, ?>) {
                        return;
                    }
                    String condition = String.valueOf(value instanceof List<?> l ? l.get(0) : value);
                    if (!conditions.contains(condition)) {
                        dangling.add(key + " " + condition);
                    }
                }
                default -> {
                }
            }
        });
        assertThat(dangling).as("references to nothing").isEmpty();
    }

    @Test
    void deploysEveryFunqFunctionAndExportsOnlyRealOnes() {
        List<String> exports = deployed.values().stream().map(DeployedFunction::export).toList();

        assertThat(exports).as("QUARKUS_FUNQY_EXPORT of each function").doesNotContainNull().doesNotHaveDuplicates();
        assertThat(functions.keySet()).as("@Funq functions in target/classes").isNotEmpty();
        assertThat(new TreeSet<>(exports)).as("exported functions").isEqualTo(functions.keySet());
    }

    @Test
    void setsEveryVariableAFunctionClassRequiresOnTheLambdasThatRunIt() {
        for (Function function : functions.values()) {
            assertThat(function.declaresRequirements())
                    .as(function.className() + " must say what it needs with @RequiresEnvironment").isTrue();
            for (DeployedFunction lambda : deployed.values()) {
                if (function.name().equals(lambda.export())) {
                    assertThat(lambda.environment()).as(lambda.logicalId() + " environment")
                            .containsKeys(function.requiredEnvironment().toArray(String[]::new));
                    function.requiredEnvironment().forEach(variable -> assertThat(lambda.environment().get(variable))
                            .as(lambda.logicalId() + " " + variable).isNotNull().isNotEqualTo(""));
                }
            }
        }
    }

    @Test
    void leavesEveryFunctionsDeadlineToLambdasContextWithNoCopyOfItsTimeout() {
        deployed.values().forEach(lambda -> assertThat(lambda.environment()).as(lambda.logicalId() + " environment")
                .doesNotContainKey("DT_INVOCATION_TIMEOUT"));
    }

    @Test
    void buildsEveryFunctionWithTheRepositorysMakefileAndRunsTheFunqyHandlerOnJava21() {
        Path templateDir = SamTemplate.PATH.toAbsolutePath().getParent();
        deployed.values().forEach(lambda -> {
            // sam build: make build-<LogicalId> with the Makefile in CodeUri, which unpacks target/function.zip.
            Path code = templateDir.resolve(String.valueOf(lambda.properties().get("CodeUri"))).normalize();
            assertThat(code).as(lambda.logicalId() + " CodeUri").isEqualTo(Path.of("").toAbsolutePath());
            assertThat(code.resolve("Makefile")).as(lambda.logicalId() + " Makefile").isRegularFile();
            assertThat(map(template.resources().get(lambda.logicalId())).get("Metadata"))
                    .as(lambda.logicalId() + " Metadata").isEqualTo(Map.of("BuildMethod", "makefile"));
            assertThat(lambda.properties().get("Handler"))
                    .isEqualTo("com.clustertokens.lambda.LambdaHandler::handleRequest");
            assertThat(lambda.properties().get("Runtime")).isEqualTo("java21");
            assertThat(((Number) lambda.properties().get("MemorySize")).intValue()).isBetween(256, 10240);
        });
    }

    @Test
    void publishesSnapStartVersionsAndPointsEventsAndAlarmsAtTheLiveAlias() {
        Map<String, Map<String, Object>> alarms = template.resourcesOfType("AWS::CloudWatch::Alarm");
        String topic = single(template.resourcesOfType("AWS::SNS::Topic").keySet());
        deployed.values().forEach(lambda -> {
            assertThat(lambda.properties().get("AutoPublishAlias")).isEqualTo("live");
            assertThat(lambda.properties().get("SnapStart")).isEqualTo(Map.of("ApplyOn", "PublishedVersions"));
            // SAM points every event source of a function with AutoPublishAlias at the alias.
            List<Map<String, Object>> watching = alarms.values().stream()
                    .filter(alarm -> list(map(alarm.get("Properties")).get("Dimensions"))
                            .contains(Map.of("Name", "FunctionName", "Value", Map.of("Ref", lambda.logicalId()))))
                    .toList();
            assertThat(watching).as("error alarm of " + lambda.logicalId()).hasSize(1);
            Map<String, Object> alarm = map(watching.get(0).get("Properties"));
            assertThat(alarm.get("MetricName")).isEqualTo("Errors");
            assertThat(list(alarm.get("Dimensions"))).contains(Map.of("Name", "Resource",
                    "Value", Map.of("Fn::Sub", "${" + lambda.logicalId() + "}:live")));
            assertThat(list(alarm.get("AlarmActions"))).containsExactly(Map.of("Ref", topic));
        });
    }

    @Test
    void givesEveryFunctionItsNamedLogGroupWithRetention() {
        Map<String, Map<String, Object>> logGroups = template.resourcesOfType("AWS::Logs::LogGroup");
        deployed.values().forEach(lambda -> {
            String name = "${AWS::StackName}-" + lambda.export();
            assertThat(lambda.properties().get("FunctionName")).isEqualTo(Map.of("Fn::Sub", name));
            String logGroupId = String.valueOf(map(template.resources().get(lambda.logicalId())).get("DependsOn"));
            assertThat(logGroups).as(lambda.logicalId() + " DependsOn its log group").containsKey(logGroupId);
            Map<String, Object> logGroup = map(logGroups.get(logGroupId).get("Properties"));
            assertThat(logGroup.get("LogGroupName")).isEqualTo(Map.of("Fn::Sub", "/aws/lambda/" + name));
            assertThat(logGroup.get("RetentionInDays")).isEqualTo(Map.of("Ref", "LogRetentionDays"));
        });
    }

    @Test
    void grantsNoNameableActionOnEveryResource() {
        List<String> wildcards = new ArrayList<>();
        statementsForEach((owner, statement) -> {
            boolean nameable = CloudFormationYaml.asList(statement.get("Action")).stream().map(String::valueOf)
                    .anyMatch(action -> action.equals("*")
                            || NAMEABLE_ACTION_PREFIXES.stream().anyMatch(action::startsWith));
            boolean anyResource = CloudFormationYaml.asList(statement.get("Resource")).stream()
                    .anyMatch(resource -> resource instanceof String text && text.contains("*"));
            if (nameable && anyResource) {
                wildcards.add(owner + ": " + statement);
            }
        });
        assertThat(wildcards).isEmpty();
        // A role of its own for each function: SAM would otherwise attach managed policies granting on '*'.
        deployed.values().forEach(lambda -> {
            assertThat(lambda.properties()).as(lambda.logicalId()).doesNotContainKey("Policies");
            assertThat(lambda.properties().get("Role")).as(lambda.logicalId() + " Role")
                    .isEqualTo(Map.of("Fn::GetAtt", List.of(roleOf(lambda), "Arn")));
        });
    }

    @Test
    void grantsEachFunctionOnlyTheSecretsTopicsAndQueuesItUses() {
        deployed.values().forEach(lambda -> {
            Map<String, Set<Object>> grants = grantsOf(roleOf(lambda));
            // The cluster's API token comes with ClusterAccessPolicy (clusterAccessIsOnePolicyEveryClusterCallerAttaches).
            Set<Object> secrets = new HashSet<>();
            if ("rotate-secret".equals(lambda.export())) { // rotates the created tokens' secrets, reading them
                secrets.add(Map.of("Fn::Sub", "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}"
                        + ":secret:" + lambda.environment().get("CREATE_TOKEN_SECRET_PREFIX") + "*"));
            }
            if (Set.of("stale-tokens", "fleet-summary").contains(lambda.export())) {
                secrets.add(Map.of("Ref", "SlackWebhookSecretArn"));
                assertThat(grants.get("sns:Publish")).containsExactly(Map.of("Ref", "ReportTopic"));
            } else {
                assertThat(grants).as(lambda.logicalId()).doesNotContainKey("sns:Publish");
            }
            assertThat(grants.getOrDefault("secretsmanager:GetSecretValue", Set.of())).as(lambda.logicalId())
                    .isEqualTo(secrets);
            Set<Object> queues = lambda.events().values().stream().map(SamTemplate::map)
                    .filter(event -> "SQS".equals(event.get("Type")))
                    .map(event -> map(event.get("Properties")).get("Queue")).collect(Collectors.toSet());
            // SendMessage only to where Lambda puts a failed asynchronous invocation.
            Set<Object> onFailure = onFailureDestination(lambda).map(Set::of).orElse(Set.of());
            grants.forEach((action, resources) -> {
                if (action.startsWith("sqs:")) {
                    assertThat(resources).as(lambda.logicalId() + " " + action)
                            .isEqualTo(action.equals("sqs:SendMessage") ? onFailure : queues);
                }
            });
            if (!queues.isEmpty()) {
                assertThat(grants).containsKeys("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes");
            }
        });
    }

    @Test
    void givesCreateTokenItsIdempotencyTableAndSecretPrefixAndNoOtherFunctionEither() {
        Map<String, Map<String, Object>> tables = template.resourcesOfType("AWS::DynamoDB::Table");
        assertThat(tables.keySet()).containsExactlyInAnyOrder("CreateTokenIdempotencyTable", "StaleTokensRunTable",
                "RemediationLedgerTable");
        Map<String, Object> ledger = Map.of("Fn::GetAtt", List.of("RemediationLedgerTable", "Arn"));
        String tableId = "CreateTokenIdempotencyTable";
        Map<String, Object> table = map(tables.get(tableId).get("Properties"));
        assertThat(table.get("BillingMode")).isEqualTo("PAY_PER_REQUEST");
        assertThat(list(table.get("KeySchema"))).containsExactly(Map.of("AttributeName", "idempotencyKey",
                "KeyType", "HASH"));
        assertThat(table.get("TimeToLiveSpecification")).isEqualTo(Map.of("AttributeName", "expiresAt",
                "Enabled", true));
        String prefixArn = "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:";
        deployed.values().forEach(lambda -> {
            Map<String, Set<Object>> grants = grantsOf(roleOf(lambda));
            // Their run table, and a read of the ledger for the plan.
            if (Set.of("stale-tokens", "fleet-report", "fleet-summary").contains(lambda.export())) {
                assertThat(grants.keySet()).as(lambda.logicalId())
                        .noneMatch(action -> action.equals("secretsmanager:CreateSecret"));
                grants.forEach((action, resources) -> {
                    if (action.startsWith("dynamodb:")) {
                        assertThat(resources).as(action).containsExactly(action.equals("dynamodb:Query")
                                ? ledger
                                : Map.of("Fn::GetAtt", List.of("StaleTokensRunTable", "Arn")));
                    }
                });
                return;
            }
            if ("rotate-token".equals(lambda.export())) { // create-token's grants, and the ledger's
                grants.forEach((action, resources) -> {
                    if (action.startsWith("dynamodb:")) {
                        assertThat(resources).as(action).isSubsetOf(ledger, Map.of("Fn::GetAtt", List.of(tableId,
                                "Arn")));
                    }
                });
                assertThat(grants.get("secretsmanager:CreateSecret")).containsExactly(Map.of("Fn::Sub", prefixArn
                        + "cluster-tokens/created/*"));
                return;
            }
            if (List.of("remediate-tokens", "restore-token", "rotation-follow-up").contains(lambda.export())) {
                grants.forEach((action, resources) -> {
                    if (action.startsWith("dynamodb:")) {
                        assertThat(resources).as(lambda.logicalId() + " " + action).containsExactly(ledger);
                    }
                });
                assertThat(grants.keySet()).noneMatch(action -> action.equals("secretsmanager:CreateSecret"));
                return;
            }
            if ("rotate-secret".equals(lambda.export())) { // create-token's claim, and the hand-off to the ledger
                grants.forEach((action, resources) -> {
                    if (action.startsWith("dynamodb:")) {
                        assertThat(resources).as(lambda.logicalId() + " " + action).isSubsetOf(Map.of("Fn::GetAtt",
                                List.of(tableId, "Arn")), ledger);
                    }
                });
                assertThat(grants.get("dynamodb:UpdateItem")).containsExactly(Map.of("Fn::GetAtt", List.of(tableId,
                        "Arn")));
                assertThat(grants.keySet()).noneMatch(action -> action.equals("secretsmanager:CreateSecret"));
                assertThat(lambda.environment().get("CREATE_TOKEN_IDEMPOTENCY_TABLE")).isEqualTo(Map.of("Ref",
                        tableId));
                return;
            }
            if (!"create-token".equals(lambda.export())) {
                assertThat(grants.keySet()).as(lambda.logicalId())
                        .noneMatch(action -> action.startsWith("dynamodb:") || action.equals(
                                "secretsmanager:CreateSecret"));
                return;
            }
            for (String action : List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
                    "dynamodb:DeleteItem")) {
                assertThat(grants.get(action)).as(action).containsExactly(Map.of("Fn::GetAtt", List.of(tableId,
                        "Arn")));
            }
            Object prefix = lambda.environment().get("CREATE_TOKEN_SECRET_PREFIX");
            for (String action : List.of("secretsmanager:CreateSecret", "secretsmanager:TagResource",
                    "secretsmanager:DescribeSecret", "secretsmanager:PutSecretValue")) {
                assertThat(grants.get(action)).as(action).containsExactly(Map.of("Fn::Sub", prefixArn + prefix + "*"));
            }
            assertThat(lambda.environment().get("CREATE_TOKEN_IDEMPOTENCY_TABLE")).isEqualTo(Map.of("Ref", tableId));
        });
    }

    @Test
    void letsEveryQueueOutliveSixConsumerTimeoutsAndReportItemFailuresToItsDeadLetterQueue() {
        deployed.values().forEach(lambda -> lambda.events().forEach((name, e) -> {
            Map<String, Object> event = map(e);
            if (!"SQS".equals(event.get("Type"))) {
                return;
            }
            Map<String, Object> properties = map(event.get("Properties"));
            assertThat(list(properties.get("FunctionResponseTypes"))).containsExactly("ReportBatchItemFailures");
            String queueId = String.valueOf(list(map(properties.get("Queue")).get("Fn::GetAtt")).get(0));
            Map<String, Object> queue = map(map(template.resources().get(queueId)).get("Properties"));
            assertThat(((Number) queue.get("VisibilityTimeout")).intValue()).as(queueId + " VisibilityTimeout")
                    .isGreaterThanOrEqualTo(6 * lambda.timeoutSeconds());
            Map<String, Object> redrive = map(queue.get("RedrivePolicy"));
            String deadLetterId = String.valueOf(list(map(redrive.get("deadLetterTargetArn")).get("Fn::GetAtt")).get(
                    0));
            assertThat(map(template.resources().get(deadLetterId)).get("Type")).isEqualTo("AWS::SQS::Queue");
            assertThat(((Number) redrive.get("maxReceiveCount")).intValue()).isPositive();
        }));
    }

    @Test
    void startsEveryMessageOfAnSqsBatchBeforeTheTimeoutSoNoneComesBackUnattempted() {
        deployed.values().forEach(lambda -> lambda.events().values().stream().map(SamTemplate::map)
                .filter(event -> "SQS".equals(event.get("Type"))).map(event -> map(event.get("Properties")))
                .forEach(sqs -> {
                    // What CreateTokenTriggers reserves per message, and what the invocation keeps back.
                    Duration perMessage = setting(lambda, "DT_CONNECT_TIMEOUT", ClusterConfig.class, "connectTimeout")
                            .plus(setting(lambda, "DT_READ_TIMEOUT", ClusterConfig.class, "readTimeout"))
                            .plus(setting(lambda, "CREATE_TOKEN_AWS_CALLS_TIME", CreateTokenConfig.class,
                                    "awsCallsTime"));
                    Duration margin = setting(lambda, "DT_INVOCATION_SAFETY_MARGIN", InvocationConfig.class,
                            "invocationSafetyMargin").plus(INVOCATION_START);
                    int batchSize = ((Number) sqs.getOrDefault("BatchSize", 10)).intValue();
                    Duration timeout = Duration.ofSeconds(lambda.timeoutSeconds());

                    assertThat(timeout).as(lambda.logicalId() + " Timeout >= BatchSize x per-message reservation "
                            + "+ margin").isGreaterThanOrEqualTo(perMessage.multipliedBy(batchSize).plus(margin));
                    assertThat(setting(lambda, "CREATE_TOKEN_IDEMPOTENCY_LOCK", CreateTokenConfig.class,
                            "idempotencyLock")).as("an unfinished request's claim outlasts the invocation")
                            .isGreaterThan(timeout);
                    String queueId = String.valueOf(list(map(sqs.get("Queue")).get("Fn::GetAtt")).get(0));
                    Map<String, Object> queue = map(map(template.resources().get(queueId)).get("Properties"));
                    int window = ((Number) sqs.getOrDefault("MaximumBatchingWindowInSeconds", 0)).intValue();
                    assertThat(((Number) queue.get("VisibilityTimeout")).intValue()).as(queueId + " VisibilityTimeout")
                            .isGreaterThanOrEqualTo(6 * lambda.timeoutSeconds() + window);
                    assertThat(((Number) map(queue.get("RedrivePolicy")).get("maxReceiveCount")).intValue())
                            .as(queueId + " maxReceiveCount: attempts before the dead-letter queue").isBetween(3, 10);
                }));
    }

    @Test
    void deletesEveryTableQueueAndLogGroupWithTheStackByAnExplicitPolicy() {
        for (String type : List.of("AWS::DynamoDB::Table", "AWS::SQS::Queue", "AWS::Logs::LogGroup")) {
            assertThat(template.resourcesOfType(type)).as(type).isNotEmpty().allSatisfy((id, resource) -> {
                assertThat(resource.get("DeletionPolicy")).as(id + " DeletionPolicy").isEqualTo("Delete");
                assertThat(resource.get("UpdateReplacePolicy")).as(id + " UpdateReplacePolicy").isEqualTo("Delete");
            });
        }
    }

    @Test
    void dropsAnUnreadRequestBeforeItsIdempotencyRecordExpiresAndKeepsItsDeadLetterLonger() {
        deployed.values().forEach(lambda -> lambda.events().values().stream().map(SamTemplate::map)
                .filter(event -> "SQS".equals(event.get("Type"))).map(event -> map(event.get("Properties")))
                .forEach(sqs -> {
                    String queueId = String.valueOf(list(map(sqs.get("Queue")).get("Fn::GetAtt")).get(0));
                    Map<String, Object> queue = map(map(template.resources().get(queueId)).get("Properties"));
                    Duration retention = retention(queue, queueId);
                    assertThat(retention).as(queueId + " MessageRetentionPeriod < CREATE_TOKEN_IDEMPOTENCY_TTL")
                            .isLessThan(setting(lambda, "CREATE_TOKEN_IDEMPOTENCY_TTL", CreateTokenConfig.class,
                                    "idempotencyTtl"));
                    Map<String, Object> redrive = map(queue.get("RedrivePolicy"));
                    String deadLetterId = String.valueOf(
                            list(map(redrive.get("deadLetterTargetArn")).get("Fn::GetAtt")).get(0));
                    // A message keeps its first enqueue time in the dead-letter queue.
                    assertThat(retention(map(map(template.resources().get(deadLetterId)).get("Properties")),
                            deadLetterId)).as(deadLetterId + " outlives " + queueId).isGreaterThan(retention);
                }));
    }

    private static Duration retention(Map<String, Object> queue, String queueId) {
        assertThat(queue).as(queueId + " sets its MessageRetentionPeriod").containsKey("MessageRetentionPeriod");
        return Duration.ofSeconds(((Number) queue.get("MessageRetentionPeriod")).longValue());
    }

    @Test
    void sendsEveryFailedAsynchronousInvocationToAnAlarmedQueueAfterDeliberateRetries() {
        Set<String> invokedAsynchronously = deployed.values().stream().filter(this::isInvokedAsynchronously)
                .map(DeployedFunction::export).collect(Collectors.toSet());
        assertThat(invokedAsynchronously).contains("create-token");
        deployed.values().stream().filter(this::isInvokedAsynchronously).forEach(lambda -> {
            Map<String, Object> config = map(lambda.properties().get("EventInvokeConfig"));
            assertThat(config).as(lambda.logicalId() + " EventInvokeConfig")
                    .containsKeys("MaximumRetryAttempts", "MaximumEventAgeInSeconds");
            assertThat(((Number) config.get("MaximumRetryAttempts")).intValue()).isBetween(0, 2);
            Map<String, Object> onFailure = map(map(config.get("DestinationConfig")).get("OnFailure"));
            assertThat(onFailure.get("Type")).as(lambda.logicalId() + " on-failure destination").isEqualTo("SQS");
            String queueId = String.valueOf(list(map(onFailure.get("Destination")).get("Fn::GetAtt")).get(0));
            assertThat(grantsOf(roleOf(lambda)).get("sqs:SendMessage")).as(lambda.logicalId() + " may send there")
                    .containsExactly(onFailure.get("Destination"));
            assertThat(alarmedQueues()).as("alarmed queues").contains(queueId);
        });
        // Every other place a failure can land: a redrive policy's, a rule's or a schedule's dead-letter queue.
        List<String> deadLetterQueues = new ArrayList<>();
        walk(template.resources(), (key, value) -> {
            if ((key.equals("deadLetterTargetArn") || key.equals("DeadLetterConfig") || key.equals("Destination"))
                    && value instanceof Map<?, ?>) {
                Object arn = key.equals("DeadLetterConfig") ? map(value).get("Arn") : value;
                deadLetterQueues.add(String.valueOf(list(map(arn).get("Fn::GetAtt")).get(0)));
            }
        });
        assertThat(deadLetterQueues).isNotEmpty();
        assertThat(alarmedQueues()).containsAll(deadLetterQueues);
    }

    @Test
    void createsTokensFromEventBridgeOnlyWhenAPipelineSourceIsGiven() throws Exception {
        Map<String, Object> parameter = map(template.parameters().get("PipelineEventSource"));
        assertThat(parameter.get("Default")).isEqualTo("");
        assertThat(map(template.root().get("Conditions")).get("HasPipelineEvents")).isEqualTo(
                Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "PipelineEventSource"), "")))));
        // SAM events cannot be conditional: a rule there would always be deployed.
        deployed.values().forEach(lambda -> assertThat(lambda.events().values()).as(lambda.logicalId())
                .noneMatch(event -> List.of("EventBridgeRule", "CloudWatchEvent").contains(map(event).get("Type"))));
        Map<String, Map<String, Object>> rules = template.resourcesOfType("AWS::Events::Rule");
        assertThat(rules).isNotEmpty();
        // Each pipeline function's own detail-type, the request in the detail.
        Map<String, String> functionOfDetailType = Map.of("CreateClusterToken", "create-token", "RotateClusterToken",
                "rotate-token");
        List<Object> detailTypes = new ArrayList<>();
        rules.forEach((id, rule) -> {
            assertThat(rule.get("Condition")).as(id).isEqualTo("HasPipelineEvents");
            Map<String, Object> properties = map(rule.get("Properties"));
            assertThat(properties).doesNotContainKey("EventBusName");
            Map<String, Object> pattern = map(properties.get("EventPattern"));
            assertThat(pattern.get("source")).isEqualTo(List.of(Map.of("Ref", "PipelineEventSource")));
            Object detailType = single(list(pattern.get("detail-type")));
            detailTypes.add(detailType);
            String function = deployed.values().stream().filter(l -> functionOfDetailType.get(detailType).equals(l
                    .export())).map(DeployedFunction::logicalId).findFirst().orElseThrow();
            Map<String, Object> target = map(single(list(properties.get("Targets"))));
            assertThat(target.get("Arn")).isEqualTo(Map.of("Ref", function + ".Alias"));
            assertThat(map(target.get("RetryPolicy"))).containsKeys("MaximumRetryAttempts", "MaximumEventAgeInSeconds");
            assertThat(map(target.get("DeadLetterConfig"))).containsKey("Arn");
        });
        assertThat(detailTypes).containsExactlyInAnyOrder("CreateClusterToken", "RotateClusterToken");
        // Besides Secrets Manager's call of rotate-secret (SecretRotationTemplateTest).
        template.resourcesOfType("AWS::Lambda::Permission").entrySet().stream().filter(
                p -> !"secretsmanager.amazonaws.com"
                        .equals(map(p.getValue().get("Properties")).get("Principal"))).forEach(p -> {
                            String id = p.getKey();
                            Map<String, Object> permission = p.getValue();
                            assertThat(permission.get("Condition")).as(id).isEqualTo("HasPipelineEvents");
                            assertThat(map(permission.get("Properties")).get("SourceArn")).as(id)
                                    .isIn(rules.keySet().stream().map(rule -> Map.of("Fn::GetAtt", List.of(rule,
                                            "Arn")))
                                            .toList());
                        });
        template.resourcesOfType("AWS::SQS::QueuePolicy").forEach((id, policy) -> assertThat(policy.get("Condition"))
                .as(id + ": only the rule sends to the queue").isEqualTo("HasPipelineEvents"));
        for (Map.Entry<String, String> rule : functionOfDetailType.entrySet()) {
            JsonNode sample = JSON.readTree(SampleEvents.read(SampleEvents.DIR.resolve(rule.getValue()
                    + ".eventbridge.json")));
            assertThat(sample.get("detail-type").asText()).isEqualTo(rule.getKey());
            assertThat(sample.get("source").asText()).matches(String.valueOf(parameter.get("AllowedPattern")));
        }
    }

    @Test
    void keepsCreatedTokenSecretsUnderAPrefixThatCannotReachTheFunctionsOwnSecrets() throws Exception {
        DeployedFunction createToken = deployed.values().stream().filter(l -> "create-token".equals(l.export()))
                .findFirst().orElseThrow();
        String prefix = String.valueOf(createToken.environment().get("CREATE_TOKEN_SECRET_PREFIX"));
        assertThat(prefix).as("the code's default").isEqualTo(withDefault(CreateTokenConfig.class, "secretPrefix"));
        // The names the README suggests for the API token and the webhook secret, and the ones it deletes.
        var names = java.util.regex.Pattern.compile("--(?:name|secret-id) (cluster-tokens[^\\s`]*)")
                .matcher(Files.readString(Path.of("README.md")));
        Set<String> configSecrets = new TreeSet<>();
        while (names.find()) {
            configSecrets.add(names.group(1));
        }
        assertThat(configSecrets).contains("cluster-tokens/config/api-token", "cluster-tokens/config/slack-webhook");
        assertThat(configSecrets).noneMatch(name -> name.startsWith(prefix));
        Set<Object> secretResources = new HashSet<>();
        grantsOf(roleOf(createToken)).forEach((action, resources) -> {
            if (action.startsWith("secretsmanager:") && !action.equals("secretsmanager:GetSecretValue")) {
                secretResources.addAll(resources);
            }
        });
        assertThat(secretResources).containsExactly(Map.of("Fn::Sub",
                "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:" + prefix + "*"));
    }

    @Test
    void clusterAccessIsOnePolicyEveryClusterCallerAttaches() {
        Map<String, Object> policy = map(map(template.resources().get("ClusterAccessPolicy")).get("Properties"));
        List<Object> statements = list(map(policy.get("PolicyDocument")).get("Statement"));
        Map<String, Object> secrets = map(statements.get(0));
        assertThat(secrets.get("Action")).isEqualTo("secretsmanager:GetSecretValue");
        assertThat(list(secrets.get("Resource"))).containsExactly(
                Map.of("Fn::If", List.of("HasSingleCluster", Map.of("Ref", "ClusterApiTokenSecretArn"),
                        Map.of("Ref", "AWS::NoValue"))),
                Map.of("Fn::If", List.of("HasRegistry", Map.of("Fn::Sub", "arn:${AWS::Partition}:secretsmanager:"
                        + "${AWS::Region}:${AWS::AccountId}:secret:cluster-tokens/config/clusters/*"),
                        Map.of("Ref", "AWS::NoValue"))));
        Map<String, Object> registry = map(list(map(statements.get(1)).get("Fn::If")).get(1));
        assertThat(registry.get("Action")).isEqualTo("ssm:GetParameter");
        assertThat(registry.get("Resource")).isEqualTo(Map.of("Fn::Sub", "arn:${AWS::Partition}:ssm:${AWS::Region}:"
                + "${AWS::AccountId}:parameter${ClusterRegistryParameter}"));
        // Besides the X-Ray policy every role attaches when tracing is on (TracingAndDynatraceTemplateTest).
        Map<String, Object> tracing = Map.of("Fn::If", List.of("HasTracing", Map.of("Ref", "TracingPolicy"),
                Map.of("Ref", "AWS::NoValue")));
        deployed.values().forEach(lambda -> {
            List<Object> attached = list(map(map(template.resources().get(roleOf(lambda))).get("Properties"))
                    .get("ManagedPolicyArns")).stream().filter(attachment -> !attachment.equals(tracing)).toList();
            // fleet-clusters reads the registry on its own (ClusterRegistryTemplateTest), no API token.
            if (Set.of("fleet-summary", "fleet-clusters").contains(lambda.export())) {
                assertThat(attached).as(lambda.logicalId() + " calls no cluster").isEmpty();
            } else {
                assertThat(attached).as(lambda.logicalId()).containsExactly(Map.of("Ref", "ClusterAccessPolicy"));
            }
        });
    }

    @Test
    void subscribesTheReportAddressOnlyWhenOneIsGiven() {
        assertThat(map(template.parameters().get("ReportEmail")).get("Default")).isEqualTo("");
        assertThat(map(template.parameters().get("SlackWebhookSecretArn")).get("Default")).isEqualTo("");
        Map<String, Object> subscription = single(template.resourcesOfType("AWS::SNS::Subscription").values());
        assertThat(subscription.get("Condition")).isEqualTo("HasReportEmail");
        assertThat(map(template.root().get("Conditions")).get("HasReportEmail")).isEqualTo(
                Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "ReportEmail"), "")))));
    }

    @Test
    void namesADeployedFunctionAndATriggerInEverySampleEvent() throws Exception {
        Set<String> exports = deployed.values().stream().map(DeployedFunction::export).collect(Collectors.toSet());
        Set<String> triggers = new HashSet<>(SampleEvents.TRIGGER_OF_EVENT_TYPE.values());
        triggers.add("direct");
        for (Path sample : SampleEvents.all()) {
            assertThat(exports).as(sample + " names a deployed function").contains(SampleEvents.function(sample));
            assertThat(triggers).as(sample + " names a trigger").contains(SampleEvents.trigger(sample));
            assertThat(JSON.readTree(SampleEvents.read(sample)).isObject()).as(sample + " is a JSON object").isTrue();
        }
    }

    @Test
    void hasASampleForEveryFunctionAndEveryTriggerTheTemplateGivesIt() {
        Set<String> samples = SampleEvents.all().stream()
                .map(sample -> SampleEvents.function(sample) + "." + SampleEvents.trigger(sample))
                .collect(Collectors.toSet());
        deployed.values().forEach(lambda -> {
            assertThat(samples).contains(lambda.export() + ".direct");
            lambda.events().values().forEach(event -> assertThat(samples).contains(lambda.export() + "."
                    + SampleEvents.TRIGGER_OF_EVENT_TYPE.get(String.valueOf(map(event).get("Type")))));
        });
    }

    @Test
    void runsEverySampleThatIsNotPendingInItsFunctionsSampleTest() {
        assertThat(SampleEvents.all().stream().map(sample -> sample.getFileName().toString()))
                .as("pending samples exist").containsAll(SampleEvents.PENDING.keySet());
        SampleEvents.all().stream().filter(sample -> !SampleEvents.PENDING.containsKey(sample.getFileName().toString()))
                .map(SampleEvents::function).distinct().forEach(function -> {
                    try {
                        Class.forName(SampleEvents.testClassFor(function));
                    } catch (ClassNotFoundException e) {
                        throw new AssertionError(SampleEvents.testClassFor(function) + " must run the " + function
                                + " samples (or list them in SampleEvents.PENDING)");
                    }
                });
    }

    @Test
    void carriesTheDirectCreateTokenSampleAsTheSqsMessageBody() throws Exception {
        JsonNode sqs = JSON.readTree(SampleEvents.read(SampleEvents.DIR.resolve("create-token.sqs.json")));
        JsonNode record = sqs.get("Records").get(0);

        assertThat(record.get("eventSource").asText()).isEqualTo("aws:sqs");
        assertThat(record.get("messageId").asText()).isNotBlank();
        assertThat(JSON.readTree(record.get("body").asText()))
                .isEqualTo(JSON.readTree(SampleEvents.read(SampleEvents.DIR.resolve("create-token.direct.json"))));
    }

    /** Whether an event source or a rule or schedule of the template invokes the function asynchronously. */
    private boolean isInvokedAsynchronously(DeployedFunction lambda) {
        boolean byEvent = lambda.events().values().stream().map(event -> String.valueOf(map(event).get("Type")))
                .anyMatch(ASYNC_EVENT_TYPES::contains);
        List<Object> targets = new ArrayList<>();
        template.resourcesOfType("AWS::Events::Rule").values().forEach(rule -> list(map(rule.get("Properties"))
                .get("Targets")).forEach(target -> targets.add(map(target).get("Arn"))));
        template.resourcesOfType("AWS::Scheduler::Schedule").values().forEach(schedule -> targets.add(
                map(map(schedule.get("Properties")).get("Target")).get("Arn")));
        return byEvent || targets.contains(Map.of("Ref", lambda.logicalId() + ".Alias"))
                || targets.contains(Map.of("Fn::GetAtt", List.of(lambda.logicalId(), "Arn")));
    }

    private static java.util.Optional<Object> onFailureDestination(DeployedFunction lambda) {
        return java.util.Optional.ofNullable(map(map(map(lambda.properties().get("EventInvokeConfig"))
                .get("DestinationConfig")).get("OnFailure")).get("Destination"));
    }

    /** Queues with an alarm on any visible message that notifies the report topic. */
    private Set<String> alarmedQueues() {
        String topic = single(template.resourcesOfType("AWS::SNS::Topic").keySet());
        Set<String> queues = new HashSet<>();
        template.resourcesOfType("AWS::CloudWatch::Alarm").values().stream().map(a -> map(a.get("Properties")))
                .filter(alarm -> "AWS/SQS".equals(alarm.get("Namespace"))
                        && "ApproximateNumberOfMessagesVisible".equals(alarm.get("MetricName"))
                        && ((Number) alarm.get("Threshold")).doubleValue() <= 1
                        && "GreaterThanOrEqualToThreshold".equals(alarm.get("ComparisonOperator"))
                        && list(alarm.get("AlarmActions")).contains(Map.of("Ref", topic)))
                .forEach(alarm -> list(alarm.get("Dimensions")).stream().map(SamTemplate::map)
                        .filter(d -> "QueueName".equals(d.get("Name")))
                        .forEach(d -> queues.add(String.valueOf(list(map(d.get("Value")).get("Fn::GetAtt")).get(0)))));
        return queues;
    }

    /** A duration the function runs with: its environment variable when the template sets it, else the code's default. */
    private static Duration setting(DeployedFunction lambda, String variable, Class<?> mapping, String property) {
        Object value = lambda.environment().get(variable);
        return duration(value != null ? value.toString() : withDefault(mapping, property));
    }

    private static String withDefault(Class<?> mapping, String property) {
        try {
            return mapping.getMethod(property).getAnnotation(WithDefault.class).value();
        } catch (NoSuchMethodException e) {
            throw new AssertionError(mapping.getSimpleName() + "." + property + " is gone", e);
        }
    }

    /** Reads a duration as Quarkus does: ISO-8601, or a number with ms, s, m, h or d (seconds without). */
    static Duration duration(String text) {
        if (text.startsWith("P")) {
            return Duration.parse(text);
        }
        var matcher = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h|d)?").matcher(text);
        assertThat(matcher.matches()).as("duration " + text).isTrue();
        long amount = Long.parseLong(matcher.group(1));
        return switch (String.valueOf(matcher.group(2))) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    /** Every IAM statement in the template, by the resource that holds it. */
    private Map<String, List<Map<String, Object>>> statementsByOwner() {
        Map<String, List<Map<String, Object>>> statements = new java.util.LinkedHashMap<>();
        template.resources().forEach((id, resource) -> walk(resource, (key, value) -> {
            if (key.equals("Statement") || key.equals("Fn::If")) {
                for (Object statement : CloudFormationYaml.asList(value)) {
                    if (statement instanceof Map<?, ?> s && s.containsKey("Action")) {
                        statements.computeIfAbsent(id, k -> new ArrayList<>()).add(map(s));
                    }
                }
            }
        }));
        return statements;
    }

    private void statementsForEach(BiConsumer<String, Map<String, Object>> action) {
        statementsByOwner().forEach((owner, list) -> list.forEach(statement -> action.accept(owner, statement)));
    }

    /** Action → resources granted by a role's statements. */
    private Map<String, Set<Object>> grantsOf(String roleId) {
        Map<String, Set<Object>> grants = new java.util.HashMap<>();
        statementsByOwner().getOrDefault(roleId, List.of()).forEach(statement -> CloudFormationYaml
                .asList(statement.get("Action")).forEach(action -> grants
                        .computeIfAbsent(String.valueOf(action), k -> new HashSet<>())
                        .addAll(CloudFormationYaml.asList(statement.get("Resource")))));
        return grants;
    }

    private String roleOf(DeployedFunction lambda) {
        Object role = map(template.resources().get(lambda.logicalId())).get("Properties");
        return String.valueOf(list(map(map(role).get("Role")).get("Fn::GetAtt")).get(0));
    }

    private static <T> T single(java.util.Collection<T> values) {
        assertThat(values).hasSize(1);
        return values.iterator().next();
    }

    /** Visits every key/value pair of every map inside {@code node}. */
    private static void walk(Object node, BiConsumer<String, Object> visitor) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                visitor.accept(String.valueOf(key), value);
                walk(value, visitor);
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> walk(item, visitor));
        }
    }
}
