package com.clustertokens.infra;

import static com.clustertokens.infra.SamTemplate.list;
import static com.clustertokens.infra.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.clustertokens.infra.SamTemplate.DeployedFunction;
import com.clustertokens.token.CreateTokenConfig;

import io.smallrye.config.WithDefault;

/**
 * rotate-secret in infra/template.yaml: least privilege on the created secrets only, Secrets Manager's permission to
 * call it, and the optional rotation of every secret create-token stores (RotateCreatedTokensAfterDays).
 */
class SecretRotationTemplateTest {

    private static final String CREATED = "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:"
            + "secret:cluster-tokens/created/*";

    private final SamTemplate template = SamTemplate.load();

    @Test
    void grantsTheRotationStepsOnTheCreatedSecretsOnlyAndNeverCreateSecret() {
        DeployedFunction rotate = function("rotate-secret");
        assertThat(rotate.environment().get("CREATE_TOKEN_SECRET_PREFIX")).isEqualTo(function("create-token")
                .environment().get("CREATE_TOKEN_SECRET_PREFIX"));
        List<Map<String, Object>> secretStatements = statements("RotateSecretRole").stream()
                .filter(s -> CloudFormationYaml.asList(s.get("Action")).stream().anyMatch(a -> a.toString()
                        .startsWith("secretsmanager:")))
                .toList();

        assertThat(secretStatements).singleElement().satisfies(s -> {
            assertThat(list(s.get("Action"))).containsExactlyInAnyOrder("secretsmanager:DescribeSecret",
                    "secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue",
                    "secretsmanager:UpdateSecretVersionStage", "secretsmanager:TagResource");
            assertThat(s.get("Resource")).isEqualTo(Map.of("Fn::Sub", CREATED));
        });
    }

    @Test
    void handsTheOldTokenToTheFollowUpAsRotateTokenDoes() {
        Map<String, Object> rotateSecret = function("rotate-secret").environment();
        Map<String, Object> rotateToken = function("rotate-token").environment();
        for (String variable : List.of("ROTATION_GRACE", "ROTATION_SCHEDULE_GROUP", "ROTATION_FOLLOW_UP_ARN",
                "ROTATION_SCHEDULER_ROLE_ARN", "HYGIENE_STALE_AFTER", "REMEDIATION_LEDGER_TABLE")) {
            assertThat(rotateSecret.get(variable)).as(variable).isNotNull().isEqualTo(rotateToken.get(variable));
        }
        List<Object> actions = statements("RotateSecretRole").stream().flatMap(s -> CloudFormationYaml.asList(s.get(
                "Action")).stream()).toList();
        assertThat(actions).contains("scheduler:CreateSchedule", "iam:PassRole", "dynamodb:PutItem");
    }

    @Test
    void letsSecretsManagerOfThisAccountCallTheLiveAlias() {
        Map<String, Map<String, Object>> permissions = template.resourcesOfType("AWS::Lambda::Permission");
        Map<String, Object> permission = map(permissions.get("RotateSecretPermission").get("Properties"));

        assertThat(permissions.get("RotateSecretPermission")).doesNotContainKey("Condition");
        assertThat(permission).containsEntry("Action", "lambda:InvokeFunction")
                .containsEntry("Principal", "secretsmanager.amazonaws.com")
                .containsEntry("FunctionName", Map.of("Ref", "RotateSecretFunction.Alias"))
                .containsEntry("SourceAccount", Map.of("Ref", "AWS::AccountId"));
    }

    @Test
    void rotatesCreatedSecretsOnlyWhenRotateCreatedTokensAfterDaysIsAboveZero() throws Exception {
        Map<String, Object> days = map(template.parameters().get("RotateCreatedTokensAfterDays"));
        assertThat(days.get("Default")).isEqualTo(0).hasToString(CreateTokenConfig.class
                .getMethod("rotateAfterDays").getAnnotation(WithDefault.class).value());
        assertThat(days).containsEntry("MinValue", 0).containsEntry("MaxValue", 1000);
        assertThat(map(template.root().get("Conditions")).get("RotatesCreatedTokens")).isEqualTo(Map.of("Fn::Not",
                List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "RotateCreatedTokensAfterDays"), 0)))));
        Map<String, Object> environment = function("create-token").environment();
        assertThat(environment.get("CREATE_TOKEN_ROTATE_AFTER_DAYS")).isEqualTo(Map.of("Ref",
                "RotateCreatedTokensAfterDays"));
        assertThat(environment.get("CREATE_TOKEN_ROTATION_FUNCTION_ARN")).isEqualTo(Map.of("Fn::If", List.of(
                "RotatesCreatedTokens", Map.of("Ref", "RotateSecretFunction.Alias"), Map.of("Ref", "AWS::NoValue"))));

        List<Object> conditional = statementsOf("CreateTokenRole").stream()
                .filter(s -> s instanceof Map<?, ?> m && m.containsKey("Fn::If")).map(s -> list(map(s).get("Fn::If")))
                .peek(branches -> assertThat(branches.get(0)).isEqualTo("RotatesCreatedTokens"))
                .map(branches -> branches.get(1)).toList();
        assertThat(conditional).containsExactlyInAnyOrder(
                Map.of("Effect", "Allow", "Action", "secretsmanager:RotateSecret", "Resource", Map.of("Fn::Sub",
                        CREATED)),
                Map.of("Effect", "Allow", "Action", "lambda:InvokeFunction", "Resource", Map.of("Ref",
                        "RotateSecretFunction.Alias")));
    }

    private DeployedFunction function(String export) {
        return template.functions().values().stream().filter(l -> export.equals(l.export())).findFirst()
                .orElseThrow();
    }

    private List<Object> statementsOf(String role) {
        return list(map(map(list(map(map(template.resources().get(role)).get("Properties")).get("Policies")).get(0))
                .get("PolicyDocument")).get("Statement"));
    }

    private List<Map<String, Object>> statements(String role) {
        return statementsOf(role).stream().map(SamTemplate::map).filter(s -> s.containsKey("Action")).toList();
    }
}
