package com.clustertokens.infra;

import static com.clustertokens.infra.SamTemplate.list;
import static com.clustertokens.infra.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * X-Ray tracing and Dynatrace's Lambda layer, both optional, as the deployed stack has them: the template goes
 * through the SAM transform (as CloudFormation applies it) and its conditions are evaluated for the parameters given.
 * Off by default, nothing of either is there; on, every function has it, and only what it needs.
 */
class TracingAndDynatraceTemplateTest {

    /** One cluster: what every deployment of the template must give. */
    private static final Map<String, String> ONE_CLUSTER = Map.of("ClusterUrl", "https://managed.example.com",
            "ClusterApiTokenSecretArn", "arn:aws:secretsmanager:eu-central-1:123456789012:secret:api-token-AbCdEf");
    private static final String LAYER = "arn:aws:lambda:eu-central-1:725887861453:layer:Dynatrace_OneAgent_1_303_java:1";
    private static final String CONNECTION = "arn:aws:secretsmanager:eu-central-1:123456789012:secret:cluster-tokens/config/dynatrace-XyZ123";
    /** The variables Dynatrace's deployment screen gives for its layer, besides the wrapper that starts it. */
    private static final List<String> CONNECTION_VARIABLES = List.of("DT_TENANT", "DT_CLUSTER_ID",
            "DT_CONNECTION_BASE_URL", "DT_CONNECTION_AUTH_TOKEN");
    private static final Map<String, Object> TRACING_POLICY = Map.of("Ref", "TracingPolicy");

    @Test
    void deploysNeitherTracingNorTheLayerNorItsVariablesByDefault() {
        TemplateConditions stack = SamTranslator.translate(ONE_CLUSTER);

        assertThat(stack.refusingRules()).isEmpty();
        Map<String, Map<String, Object>> functions = functions(stack);
        assertThat(functions).hasSize(SamTemplate.load().functions().size());
        functions.forEach((id, function) -> {
            assertThat(function).as(id).doesNotContainKey("TracingConfig");
            assertThat(list(function.get("Layers"))).as(id + " Layers").isEmpty();
            assertThat(environment(function)).as(id + " environment").doesNotContainKey("AWS_LAMBDA_EXEC_WRAPPER")
                    .doesNotContainKeys(CONNECTION_VARIABLES.toArray(String[]::new));
        });
        assertThat(stack.resources()).doesNotContainKey("TracingPolicy");
        stack.resources().forEach((id, resource) -> assertThat(managedPolicies(resource)).as(id)
                .doesNotContain(TRACING_POLICY));
        assertThat(map(properties(stack, "FleetStateMachine").get("TracingConfiguration")).get("Enabled"))
                .isEqualTo(false);
    }

    @Test
    void tracesEveryFunctionAndTheNightlyRunAndLetsEachRoleWriteTracesWhenActive() {
        TemplateConditions stack = SamTranslator.translate(with(Map.of("Tracing", "Active")));

        functions(stack).forEach((id, function) -> {
            assertThat(function.get("TracingConfig")).as(id).isEqualTo(Map.of("Mode", "Active"));
            assertThat(managedPolicies(stack.resources().get(roleOf(function)))).as(id + " role")
                    .contains(TRACING_POLICY);
        });
        assertThat(map(properties(stack, "FleetStateMachine").get("TracingConfiguration")).get("Enabled"))
                .isEqualTo(true);
        assertThat(managedPolicies(stack.resources().get(roleOf(properties(stack, "FleetStateMachine")))))
                .contains(TRACING_POLICY);
        assertThat(statements(properties(stack, "TracingPolicy"))).containsExactly(Map.of("Effect", "Allow",
                "Action", List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords"), "Resource", "*"));
    }

    @Test
    void passesTracesThroughFromTracedCallersOnlyWithPassThrough() {
        TemplateConditions stack = SamTranslator.translate(with(Map.of("Tracing", "PassThrough")));

        functions(stack).forEach((id, function) -> {
            assertThat(function.get("TracingConfig")).as(id).isEqualTo(Map.of("Mode", "PassThrough"));
            assertThat(managedPolicies(stack.resources().get(roleOf(function)))).as(id + " role")
                    .contains(TRACING_POLICY);
        });
        assertThat(map(properties(stack, "FleetStateMachine").get("TracingConfiguration")).get("Enabled"))
                .isEqualTo(false);
        assertThat(managedPolicies(stack.resources().get(roleOf(properties(stack, "FleetStateMachine")))))
                .doesNotContain(TRACING_POLICY);
    }

    @Test
    void givesEveryFunctionTheDynatraceLayerAndItsConnectionFromTheSecretOnly() {
        TemplateConditions plain = SamTranslator.translate(ONE_CLUSTER);
        TemplateConditions stack = SamTranslator.translate(with(Map.of("DynatraceLayerArn", LAYER,
                "DynatraceConnectionSecretArn", CONNECTION)));

        assertThat(stack.refusingRules()).isEmpty();
        functions(stack).forEach((id, function) -> {
            assertThat(list(function.get("Layers"))).as(id + " Layers").containsExactly(LAYER);
            Map<String, Object> environment = environment(function);
            assertThat(environment.get("AWS_LAMBDA_EXEC_WRAPPER")).as(id).isEqualTo("/opt/dynatrace");
            // Each value is read from the secret by CloudFormation: neither the template nor a parameter holds it.
            CONNECTION_VARIABLES.forEach(variable -> assertThat(environment.get(variable)).as(id + " " + variable)
                    .isEqualTo(Map.of("Fn::Sub", "{{resolve:secretsmanager:${DynatraceConnectionSecretArn}"
                            + ":SecretString:" + variable + "}}")));
            // Dynatrace's agent needs 512 MB with SnapStart (OneAgent 1.267+); SnapStart stays on.
            assertThat(((Number) function.get("MemorySize")).intValue()).as(id + " MemorySize")
                    .isGreaterThanOrEqualTo(512);
            assertThat(function.get("SnapStart")).as(id).isEqualTo(Map.of("ApplyOn", "PublishedVersions"));
        });
        // CloudFormation reads the secret at deployment; no function may read it, nor gains any other permission.
        stack.resources().forEach((id, resource) -> {
            if ("AWS::IAM::Role".equals(resource.get("Type")) || "AWS::IAM::ManagedPolicy".equals(resource.get(
                    "Type"))) {
                assertThat(resource).as(id).isEqualTo(plain.resources().get(id));
            }
        });
        assertThat(plain.resources().keySet()).containsExactlyInAnyOrderElementsOf(stack.resources().keySet());
    }

    @Test
    void refusesTheLayerWithoutItsConnectionAndTheConnectionWithoutTheLayer() {
        String refusal = "DynatraceLayerAndConnection: Dynatrace monitoring needs both DynatraceLayerArn and "
                + "DynatraceConnectionSecretArn.";

        assertThat(SamTranslator.translate(with(Map.of("DynatraceLayerArn", LAYER))).refusingRules())
                .containsExactly(refusal);
        assertThat(SamTranslator.translate(with(Map.of("DynatraceConnectionSecretArn", CONNECTION)))
                .refusingRules()).containsExactly(refusal);
    }

    private static Map<String, String> with(Map<String, String> parameters) {
        Map<String, String> all = new HashMap<>(ONE_CLUSTER);
        all.putAll(parameters);
        return all;
    }

    /** Every AWS::Lambda::Function the transform made, by logical id, with its properties. */
    private static Map<String, Map<String, Object>> functions(TemplateConditions stack) {
        Map<String, Map<String, Object>> functions = new LinkedHashMap<>();
        stack.resources().forEach((id, resource) -> {
            if ("AWS::Lambda::Function".equals(resource.get("Type"))) {
                functions.put(id, map(resource.get("Properties")));
            }
        });
        return functions;
    }

    private static Map<String, Object> properties(TemplateConditions stack, String id) {
        Map<String, Object> resource = stack.resources().get(id);
        assertThat(resource).as(id).isNotNull();
        return map(resource.get("Properties"));
    }

    private static Map<String, Object> environment(Map<String, Object> function) {
        return map(map(function.get("Environment")).get("Variables"));
    }

    /** The logical id of the role a function or state machine runs with ({@code Fn::GetAtt [Role, Arn]}). */
    private static String roleOf(Map<String, Object> properties) {
        Object role = properties.containsKey("Role") ? properties.get("Role") : properties.get("RoleArn");
        return String.valueOf(list(map(role).get("Fn::GetAtt")).get(0));
    }

    private static List<Object> managedPolicies(Map<String, Object> resource) {
        return list(map(resource.get("Properties")).get("ManagedPolicyArns"));
    }

    private static List<Object> statements(Map<String, Object> policy) {
        return list(map(policy.get("PolicyDocument")).get("Statement"));
    }
}
