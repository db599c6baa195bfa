package com.clustertokens.token;

import static com.clustertokens.testing.Lambda.invokeOk;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.simulator.RecordedRequest;
import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.simulator.SimulatedToken;
import com.clustertokens.testing.Exports;
import com.clustertokens.testing.FleetResource;
import com.clustertokens.testing.InjectFleet;
import com.clustertokens.testing.PipelineAwsResource;
import com.clustertokens.testing.StatefulAwsResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * create-token in a fleet of two simulated clusters, with moto's DynamoDB and Secrets Manager: the same
 * request (same idempotency key) for each cluster is two requests, each creating its own token with that cluster's
 * own API token, stored in its own secret, and deduplicated on its own.
 */
@QuarkusTest
@TestProfile(Exports.CreateToken.class)
@WithTestResource(StatefulAwsResource.class)
@WithTestResource(value = FleetResource.class, initArgs = {@ResourceArg(name = "clusters", value = "2"),
        @ResourceArg(name = "broken", value = "false")})
class FleetScopedCreateTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKENS = "/api/cluster/v2/tokens";

    @InjectFleet
    FleetResource.Fleet fleet;

    private final SecretsManagerClient secrets = StatefulAwsResource.secretsManager();

    @BeforeEach
    void forgetRequests() {
        fleet.clusters().values().forEach(SimulatedCluster::clearRequests);
    }

    @Test
    void theSameRequestForTwoClustersCreatesOneTokenInEachWithItsOwnSecret() throws Exception {
        String name = "fleet-ci-" + UUID.randomUUID();
        String key = "deploy-" + UUID.randomUUID();

        JsonNode inC01 = JSON.readTree(invokeOk(request("c01", name, key)).extract().asString());
        JsonNode inC02 = JSON.readTree(invokeOk(request("c02", name, key)).extract().asString());

        for (String cluster : List.of("c01", "c02")) {
            JsonNode result = cluster.equals("c01") ? inC01 : inC02;
            SimulatedCluster simulated = fleet.clusters().get(cluster);
            List<SimulatedToken> live = simulated.liveTokensNamed(name);
            assertThat(live).as("tokens named %s in %s", name, cluster).hasSize(1);
            SimulatedToken token = live.get(0);

            assertThat(result.path("cluster").asText()).isEqualTo(cluster);
            assertThat(result.path("name").asText()).isEqualTo(name);
            assertThat(result.path("delivery").asText()).isEqualTo("secretsManager");
            assertThat(result.path("idempotencyKey").asText()).isEqualTo(key);
            assertThat(result.has("token")).as("a stored token's secret is not returned").isFalse();
            assertThat(result.path("identifier").asText()).isEqualTo(token.secretIdentifier());

            List<RecordedRequest> creates = simulated.requests().stream()
                    .filter(r -> r.method().equals("POST") && r.path().equals(TOKENS)).toList();
            assertThat(creates).as("creates sent to %s", cluster).hasSize(1);
            JsonNode body = JSON.readTree(creates.get(0).body());
            assertThat(body.path("name").asText()).isEqualTo(name);
            assertThat(body.path("scopes")).hasSize(1);
            assertThat(body.path("scopes").get(0).asText()).isEqualTo("settings.read");
            assertThat(body.has("cluster") || body.has("idempotencyKey") || body.has("delivery"))
                    .as("only the API's own fields reach the cluster").isFalse();
            assertThat(creates.get(0).header("Content-Type").orElseThrow()).startsWith("application/json");
            assertThat(simulated.requests()).as("requests to %s", cluster).isNotEmpty().allSatisfy(r -> {
                assertThat(r.path()).startsWith(TOKENS);
                assertThat(("Api-Token " + simulated.apiToken()).equals(r.header("Authorization").orElse("")))
                        .as("%s %s sent with %s's own API token", r.method(), r.path(), cluster).isTrue();
            });

            String secretName = "cluster-tokens/created/" + cluster + "/" + name + "-"
                    + TokenSecretStore.sha256(cluster + "/" + key).substring(0, 12);
            DescribeSecretResponse secret = secrets.describeSecret(b -> b.secretId(secretName));
            assertThat(result.path("secretArn").asText()).isEqualTo(secret.arn());
            assertThat(tags(secret)).containsEntry("cluster-tokens:cluster", cluster)
                    .containsEntry("cluster-tokens:request-id", key)
                    .containsEntry("cluster-tokens:token-identifier", token.secretIdentifier());
            assertThat(token.secret().equals(secrets.getSecretValue(b -> b.secretId(secretName)).secretString()))
                    .as("%s's secret holds the token %s created", secretName, cluster).isTrue();
            assertThat(idempotencyRecord(cluster + "/" + key)).as("the request's record, scoped by %s", cluster)
                    .containsEntry("status", "COMPLETED");
            assertThat(idempotencyRecord(cluster + "/token-id#" + token.id()))
                    .as("which request made %s's token", cluster).containsEntry("requestKey", cluster + "/" + key);
        }
        assertThat(inC01.path("secretArn").asText()).isNotEqualTo(inC02.path("secretArn").asText());
        assertThat(inC01.path("identifier").asText()).isNotEqualTo(inC02.path("identifier").asText());
        assertThat(idempotencyRecord(key)).as("no unscoped record").isEmpty();
    }

    @Test
    void aRepeatForEitherClusterReturnsItsEarlierResultWithoutANewToken() throws Exception {
        String name = "fleet-repeat-" + UUID.randomUUID();
        String key = "deploy-" + UUID.randomUUID();
        JsonNode firstC01 = JSON.readTree(invokeOk(request("c01", name, key)).extract().asString());
        JsonNode firstC02 = JSON.readTree(invokeOk(request("c02", name, key)).extract().asString());
        forgetRequests();

        JsonNode repeatC02 = JSON.readTree(invokeOk(request("c02", name, key)).extract().asString());
        JsonNode repeatC01 = JSON.readTree(invokeOk(request("c01", name, key)).extract().asString());

        for (JsonNode[] pair : new JsonNode[][]{{firstC01, repeatC01}, {firstC02, repeatC02}}) {
            JsonNode first = pair[0];
            JsonNode repeat = pair[1];
            assertThat(repeat.path("repeated").asBoolean()).isTrue();
            assertThat(repeat.path("cluster").asText()).isEqualTo(first.path("cluster").asText());
            assertThat(repeat.path("secretArn").asText()).isEqualTo(first.path("secretArn").asText());
            assertThat(repeat.path("identifier").asText()).isEqualTo(first.path("identifier").asText());
            assertThat(repeat.has("token")).isFalse();
        }
        for (Map.Entry<String, SimulatedCluster> each : fleet.clusters().entrySet()) {
            assertThat(each.getValue().requests()).as("requests to %s for the repeats", each.getKey()).isEmpty();
            assertThat(each.getValue().liveTokensNamed(name)).as("tokens in %s", each.getKey()).hasSize(1);
        }
        assertThat(secrets.listSecrets().secretList().stream().filter(s -> s.name().contains(name)).count())
                .isEqualTo(2);
    }

    @Test
    void listsOnlyTheNamedClusterWithItsOwnTokenAndNamesItInTheResult() throws Exception {
        SimulatedCluster c02 = fleet.clusters().get("c02");
        String only = "only-in-c02-" + UUID.randomUUID();
        c02.addToken(only, "pete", List.of("settings.read"), null);
        c02.clearRequests();

        com.clustertokens.testing.Functions.Result listed = com.clustertokens.testing.Functions.invoke("list-tokens",
                "{\"cluster\":\"c02\",\"user\":\"pete\",\"limit\":50}");

        assertThat(listed.succeeded()).as(listed.toString()).isTrue();
        JsonNode result = JSON.readTree(listed.json());
        assertThat(result.path("cluster").asText()).isEqualTo("c02");
        assertThat(result.path("values").findValuesAsText("name")).contains(only);
        assertThat(fleet.clusters().get("c01").requests()).as("requests to c01").isEmpty();
        assertThat(c02.requests()).hasSize(1);
        RecordedRequest list = c02.requests().get(0);
        assertThat(list.method()).isEqualTo("GET");
        assertThat(list.path()).isEqualTo(TOKENS);
        assertThat(list.queryParam("user")).containsExactly("pete");
        assertThat(list.queryParam("limit")).containsExactly("50");
        assertThat(list.queryParam("cluster")).as("the registry name stays out of the query").isEmpty();
        assertThat(("Api-Token " + c02.apiToken()).equals(list.header("Authorization").orElse("")))
                .as("sent with c02's own API token").isTrue();
    }

    private static String request(String cluster, String name, String key) {
        return "{\"cluster\":\"" + cluster + "\",\"name\":\"" + name + "\",\"scopes\":[\"settings.read\"],"
                + "\"idempotencyKey\":\"" + key + "\",\"delivery\":\"secretsManager\"}";
    }

    private static Map<String, String> tags(DescribeSecretResponse secret) {
        return secret.tags().stream().collect(java.util.stream.Collectors.toMap(Tag::key, Tag::value));
    }

    /** The idempotency table's item under {@code key}, its string attributes; empty when there is none. */
    private static Map<String, String> idempotencyRecord(String key) {
        try (DynamoDbClient db = PipelineAwsResource.client(ConfigProvider.getConfig()
                .getValue("aws.dynamodb.endpoint-url", String.class))) {
            Map<String, AttributeValue> item = db.getItem(b -> b.tableName(PipelineAwsResource.TABLE)
                    .key(Map.of("idempotencyKey", AttributeValue.fromS(key))).consistentRead(true)).item();
            java.util.Map<String, String> strings = new java.util.HashMap<>();
            item.forEach((k, v) -> {
                if (v.s() != null) {
                    strings.put(k, v.s());
                }
            });
            return strings;
        }
    }
}
