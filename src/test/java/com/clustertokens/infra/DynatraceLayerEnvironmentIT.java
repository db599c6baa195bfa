package com.clustertokens.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.clustertokens.simulator.RecordedRequest;
import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.simulator.lambda.RuntimeApi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * target/function.zip deployed with Dynatrace monitoring switched on in the template (DynatraceLayerArn and
 * DynatraceConnectionSecretArn): each function gets the layer's variables, which CloudFormation reads from the
 * connection secret (here from moto, as {@link LocalDeployment} resolves the dynamic references), and keeps working
 * with them: its own configuration ({@code dt.*}, from DT_ variables too) takes nothing from the layer's, and no log
 * line shows the connection's token. Dynatrace's agent itself, which Lambda starts through AWS_LAMBDA_EXEC_WRAPPER
 * from the layer, is not here: the layer is Dynatrace's binary, not available offline (docs/deploy.md).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DynatraceLayerEnvironmentIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API_TOKEN = "dt0c01.DTLAYERITCLUSTERAPITOKEN."
            + "DTLAYERITSECRETPARTONLYFORTHESIMULATEDCLUSTEROFTHISTEST000000000";
    /** Shaped as Dynatrace's deployment screen shows it (dt0a01.<environment>.<secret>); valid nowhere. */
    private static final String AUTH_TOKEN = "dt0a01.abc12345.0123456789abcdef0123456789abcdef0123456789abcdef"
            + "0123456789abcdef";
    private static final Map<String, String> CONNECTION = Map.of("DT_TENANT", "abc12345", "DT_CLUSTER_ID",
            "-1234567890", "DT_CONNECTION_BASE_URL", "https://activegate.example.com:9999/e/abc12345",
            "DT_CONNECTION_AUTH_TOKEN", AUTH_TOKEN);
    private static final String LAYER = "arn:aws:lambda:eu-central-1:725887861453:layer:Dynatrace_OneAgent_1_303_java:1";
    private static final int INVOKE_SECONDS = 300;
    private static final List<String> FUNCTIONS = List.of("list-tokens", "create-token", "stale-tokens");

    private static SimulatedCluster cluster;
    private static PackagedFunctions functions;
    private static final List<String> secretsAnswered = new ArrayList<>();

    @BeforeAll
    static void deployWithDynatrace() throws Exception {
        cluster = SimulatedCluster.start(0, API_TOKEN).seedSamples(Instant.now());
        functions = PackagedFunctions.deploy(Path.of("target", "dynatrace-layer-it"),
                List.of(new PackagedFunctions.Cluster("c01", cluster.url(), API_TOKEN)),
                Map.of("DynatraceLayerArn", LAYER),
                Map.of("DynatraceConnectionSecretArn", JSON.writeValueAsString(CONNECTION)), FUNCTIONS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (functions != null) {
            functions.close();
        }
        if (cluster != null) {
            cluster.stop();
        }
    }

    @BeforeEach
    void forgetRequests() {
        cluster.clearRequests();
    }

    @Test
    @Order(1)
    void everyFunctionRunsWithTheLayersWrapperAndTheConnectionReadFromTheSecret() {
        for (SamTemplate.DeployedFunction function : functions.template().functions().values()) {
            Map<String, String> environment = functions.deployment().environment(function);
            assertThat(environment.get("AWS_LAMBDA_EXEC_WRAPPER")).as(function.logicalId())
                    .isEqualTo("/opt/dynatrace");
            CONNECTION.forEach((variable, value) -> assertThat(value.equals(environment.get(variable)))
                    .as(function.logicalId() + " " + variable + " is the secret's").isTrue());
        }
    }

    @Test
    @Order(2)
    void listTokensStillSendsItsFiltersWithTheClustersApiToken() throws Exception {
        JsonNode list = succeeded(invoke("list-tokens", "list-tokens.direct.json"));

        assertThat(list.get("values").findValuesAsText("name")).containsExactly("pete-token-admin");
        List<RecordedRequest> requests = cluster.requests();
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).path()).isEqualTo("/api/cluster/v2/tokens");
        assertThat(requests.get(0).header("authorization").map(("Api-Token " + API_TOKEN)::equals).orElse(false))
                .as("Authorization: Api-Token <the cluster's API token, not the layer's>").isTrue();
    }

    @Test
    @Order(3)
    void createTokenAndStaleTokensStillAnswer() throws Exception {
        JsonNode created = succeeded(invoke("create-token", "create-token.direct.json"));
        secretsAnswered.add(created.get("token").asText());
        JsonNode report = succeeded(invoke("stale-tokens", "stale-tokens.direct.json"));

        assertThat(created.get("name").asText()).isEqualTo("MyToken");
        assertThat(cluster.liveTokensNamed("MyToken")).hasSize(1);
        assertThat(report.get("counts").get("total").asInt()).isEqualTo(cluster.size());
    }

    @Test
    @Order(4)
    void noFunctionLogsTheConnectionsTokenOrAnApiToken() throws Exception {
        List<String> leaks = new ArrayList<>();
        for (Path log : functions.logs()) {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            if (text.contains(AUTH_TOKEN) || text.contains(API_TOKEN) || secretsAnswered.stream()
                    .anyMatch(text::contains)) {
                // Name the log only: this test must not print what it looks for.
                leaks.add(log.getFileName().toString());
            }
        }
        assertThat(leaks).as("function logs holding a token").isEmpty();
    }

    private static RuntimeApi.Outcome invoke(String function, String sample) throws Exception {
        return functions.function(function).invoke(JSON.readTree(SampleEvents.read(SampleEvents.DIR.resolve(sample)))
                .toString(), INVOKE_SECONDS);
    }

    private static JsonNode succeeded(RuntimeApi.Outcome outcome) throws Exception {
        JsonNode body = JSON.readTree(outcome.body());
        assertThat(outcome.success()).as(() -> "failed: " + body.path("errorMessage").asText()).isTrue();
        return body;
    }
}
