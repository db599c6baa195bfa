package com.clustertokens.infra;

import static com.clustertokens.infra.SamTemplate.list;
import static com.clustertokens.infra.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.clustertokens.infra.SamTemplate.DeployedFunction;

/** stale-tokens' run table in infra/template.yaml: the shape RunRecord writes, and the only grants it needs. */
class StaleTokensRunTableTest {

    private final SamTemplate template = SamTemplate.load();

    @Test
    void declaresTheRunTableWithTheKeyAndTtlRunRecordWrites() {
        Map<String, Object> table = map(template.resourcesOfType("AWS::DynamoDB::Table").get("StaleTokensRunTable")
                .get("Properties"));

        assertThat(table.get("BillingMode")).isEqualTo("PAY_PER_REQUEST");
        assertThat(list(table.get("KeySchema"))).containsExactly(Map.of("AttributeName", "runKey", "KeyType", "HASH"));
        assertThat(list(table.get("AttributeDefinitions"))).containsExactly(Map.of("AttributeName", "runKey",
                "AttributeType", "S"));
        assertThat(table.get("TimeToLiveSpecification")).isEqualTo(Map.of("AttributeName", "expiresAt",
                "Enabled", true));
    }

    @Test
    void givesStaleTokensItsRunTableToReadAndUpdateOnly() {
        DeployedFunction staleTokens = template.functions().values().stream()
                .filter(l -> "stale-tokens".equals(l.export())).findFirst().orElseThrow();
        Map<String, Object> arn = Map.of("Fn::GetAtt", List.of("StaleTokensRunTable", "Arn"));

        assertThat(staleTokens.environment().get("HYGIENE_RUN_TABLE")).isEqualTo(Map.of("Ref", "StaleTokensRunTable"));
        List<Object> statements = list(map(map(list(map(map(template.resources().get("StaleTokensRole"))
                .get("Properties")).get("Policies")).get(0)).get("PolicyDocument")).get("Statement"));
        assertThat(statements).filteredOn(s -> s instanceof Map<?, ?> m && arn.equals(m.get("Resource")))
                .singleElement().satisfies(s -> assertThat(CloudFormationYaml.asList(map(s).get("Action")))
                        .containsExactlyInAnyOrder("dynamodb:GetItem", "dynamodb:UpdateItem"));
    }
}
