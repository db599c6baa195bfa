package com.clustertokens.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.clustertokens.simulator.RecordedRequest;
import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.simulator.SimulatedToken;
import com.clustertokens.simulator.lambda.RuntimeApi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * target/function.zip as Lambda runs it: every function the template deploys, each in an environment of its own under
 * the Runtime Interface Client with the template's Handler and environment (a fleet of one cluster, {@code c01},
 * registered in SSM with its API token in Secrets Manager, all on moto), gets its sample event from infra/events once.
 * What the packaged artifact answers, and what it sent the simulated cluster, is asserted; no unit test runs the zip.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FunctionZipIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The cluster's API token: the real format (24 and 64 characters), valid only for this test's simulator. */
    private static final String API_TOKEN = "dt0c01.ZIPITCLUSTERAPITOKEN0000."
            + "ZIPITSECRETPARTONLYFORTHESIMULATEDCLUSTEROFFUNCTIONZIPIT00000000";
    private static final Pattern TOKEN_SECRET = Pattern.compile("dt0c01\\.[A-Za-z0-9]{24}\\.[A-Za-z0-9]{64}");
    /** Guards against a hung invocation only; none comes near it, however busy the machine. */
    private static final int INVOKE_SECONDS = 300;
    private static final String CLUSTER = "c01";
    private static final List<String> FUNCTIONS = List.of("list-tokens", "create-token", "stale-tokens",
            "remediate-tokens", "restore-token", "rotate-token", "rotation-follow-up", "rotate-secret",
            "fleet-clusters",
            "fleet-report", "fleet-summary");

    private static SimulatedCluster cluster;
    private static PackagedFunctions functions;
    private static List<RecordedRequest> duringInit;
    private static final List<String> secretsAnswered = new ArrayList<>();

    @BeforeAll
    static void deployTheZip() throws Exception {
        cluster = SimulatedCluster.start(0, API_TOKEN).seedSamples(Instant.now());
        functions = PackagedFunctions.deploy(Path.of("target", "function-zip-it"),
                List.of(new PackagedFunctions.Cluster(CLUSTER, cluster.url(), API_TOKEN)),
                // Remediation acts only inside a stated scope; the template's default states none.
                Map.of("RemediationScopeNames", "old-*"), FUNCTIONS);
        duringInit = cluster.requests();
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
    void theTemplateDeploysExactlyTheFunctionsThisTestRunsAndTheirInitSendsTheClusterNothing() {
        assertThat(functions.template().functions().values().stream().map(SamTemplate.DeployedFunction::export))
                .containsExactlyInAnyOrderElementsOf(FUNCTIONS);
        // Init starts the whole application (quarkus.snapstart.full-warmup) yet may read no cluster nor secret.
        assertThat(duringInit).isEmpty();
    }

    @Test
    @Order(2)
    void listTokensSendsTheSamplesFiltersWithTheTokenFromSecretsManager() throws Exception {
        JsonNode list = succeeded(invoke("list-tokens", "list-tokens.direct.json"));

        assertThat(list.get("cluster").asText()).isEqualTo(CLUSTER);
        assertThat(list.get("values").findValuesAsText("name")).containsExactly("pete-token-admin");
        assertThat(list.get("totalCount").asInt()).isEqualTo(1);
        assertThat(list.get("truncated").asBoolean()).isFalse();
        RecordedRequest request = single(cluster.requests());
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/api/cluster/v2/tokens");
        assertThat(request.query()).isEqualTo(Map.of("limit", List.of("1000"), "user", List.of("Pete"),
                "permissions", List.of("ClusterTokenManagement")));
        assertApiToken(request);
    }

    @Test
    @Order(3)
    void createTokenCreatesTheSamplesTokenAndReturnsItsSecret() throws Exception {
        JsonNode created = succeeded(invoke("create-token", "create-token.direct.json"));

        assertThat(created.get("cluster").asText()).isEqualTo(CLUSTER);
        assertThat(created.get("name").asText()).isEqualTo("MyToken");
        assertThat(created.get("delivery").asText()).isEqualTo("return");
        String secret = created.get("token").asText();
        secretsAnswered.add(secret);
        assertThat(secret.startsWith(created.get("identifier").asText() + ".")).as("token = identifier.secret")
                .isTrue();
        SimulatedToken made = single(cluster.liveTokensNamed("MyToken"));
        assertThat(made.secret().equals(secret)).as("the secret returned is the created token's").isTrue();
        assertThat(made.scopes()).containsExactly("DiagnosticExport", "UnattendedInstall");
        assertThat(Duration.between(made.created(), made.expires())).isEqualTo(Duration.ofHours(24));
        // The create, then the lookup that records the new token's id as this system's own.
        RecordedRequest request = single(cluster.requests().stream()
                .filter(r -> r.method().equals("POST") && r.path().equals("/api/cluster/v2/tokens")).toList());
        assertThat(JSON.readTree(request.body())).isEqualTo(sample("create-token.direct.json"));
        assertApiToken(request);
    }

    @Test
    @Order(4)
    void staleTokensReportsTheDormantTokenAndPublishesTheSummary() throws Exception {
        JsonNode report = succeeded(invoke("stale-tokens", "stale-tokens.direct.json"));

        assertThat(report.get("cluster").asText()).isEqualTo(CLUSTER);
        // The template's StaleAfter default, through HYGIENE_STALE_AFTER.
        assertThat(report.get("staleAfter").asText()).isEqualTo("P90D");
        assertThat(report.get("counts").get("total").asInt()).isEqualTo(cluster.size());
        assertThat(report.get("stale")).anySatisfy(token -> {
            assertThat(token.get("name").asText()).isEqualTo("old-backup-job");
            assertThat(token.get("status").asText()).isEqualTo("dormant");
        });
        assertThat(report.get("deliveries")).containsExactly(JSON.readTree(
                "{\"sink\":\"sns\",\"outcome\":\"delivered\"}"));
        assertThat(changes(cluster.requests())).isEmpty();
    }

    @Test
    @Order(5)
    void remediateTokensPlansTheRevokeAndChangesNothing() throws Exception {
        String staleId = single(cluster.liveTokensNamed("old-backup-job")).id();

        JsonNode report = succeeded(invoke("remediate-tokens", "remediate-tokens.direct.json"));

        assertThat(report.get("applied").asBoolean()).isFalse();
        assertThat(report.get("plan").get("revoke").findValuesAsText("id")).containsExactly(staleId);
        assertThat(report.get("summary").asText()).contains("*Would revoke* (1)");
        assertThat(cluster.requests()).isNotEmpty();
        assertThat(changes(cluster.requests())).isEmpty();
    }

    @Test
    @Order(6)
    void restoreTokenRefusesATokenTheLedgerHasNoEntryFor() throws Exception {
        String id = sample("restore-token.direct.json").get("token").asText();

        RuntimeApi.Outcome outcome = invoke("restore-token", "restore-token.direct.json");

        assertThat(outcome.success()).as("restore-token refuses").isFalse();
        JsonNode error = JSON.readTree(outcome.body());
        assertThat(error.get("errorMessage").asText()).startsWith("RestoreRefusedException: ")
                .contains("Token " + id + " was not revoked by this system");
        assertThat(error.get("errorType").asText()).isNotBlank();
        assertThat(changes(cluster.requests())).isEmpty();
    }

    @Test
    @Order(6)
    void rotateTokenAnswersTheClustersNotFoundForATokenItDoesNotHaveAndCreatesNothing() throws Exception {
        String id = sample("rotate-token.direct.json").get("token").asText();

        RuntimeApi.Outcome outcome = invoke("rotate-token", "rotate-token.direct.json");

        assertThat(outcome.success()).as("rotate-token refuses").isFalse();
        assertThat(JSON.readTree(outcome.body()).get("errorMessage").asText()).startsWith("TokenNotFoundException: ")
                .contains(id);
        assertThat(cluster.requests()).anyMatch(r -> r.method().equals("GET") && r.path().endsWith("/tokens/" + id));
        assertThat(changes(cluster.requests())).isEmpty();
    }

    @Test
    @Order(6)
    void rotationFollowUpFindsNoRotationOfTheSampleTokenAndChangesNothing() throws Exception {
        JsonNode result = succeeded(invoke("rotation-follow-up", "rotation-follow-up.direct.json"));

        assertThat(result.toString()).doesNotContain("\"done\"");
        assertThat(changes(cluster.requests())).isEmpty();
    }

    @Test
    @Order(6)
    void rotateSecretRefusesASecretThisDeploymentDidNotStoreBeforeAnyRequestReachesTheCluster() throws Exception {
        RuntimeApi.Outcome outcome = invoke("rotate-secret", "rotate-secret.direct.json");

        assertThat(outcome.success()).as("rotate-secret refuses").isFalse();
        assertThat(JSON.readTree(outcome.body()).get("errorMessage").asText()).contains("cluster-tokens/created/"
                + "ci-deploy-3f2a9c1b7d4e");
        assertThat(cluster.requests()).isEmpty();
    }

    @Test
    @Order(7)
    void fleetClustersPlansTheRunOverTheRegistryInSsm() throws Exception {
        JsonNode plan = succeeded(invoke("fleet-clusters", "fleet-clusters.direct.json"));

        // FleetConcurrency's default (4), through FLEET_MAP_CONCURRENCY; RemediationMode plan: no remediation step.
        assertThat(plan).isEqualTo(JSON.readTree("{\"scheduledTime\":\"2026-11-30T03:00:00Z\",\"clusters\":[\""
                + CLUSTER + "\"],\"maxConcurrency\":4,\"remediate\":false}"));
        assertThat(cluster.requests()).isEmpty();
    }

    @Test
    @Order(8)
    void fleetReportWritesTheClustersReportToTheBucket() throws Exception {
        JsonNode outcome = succeeded(invoke("fleet-report", "fleet-report.direct.json"));

        assertThat(outcome.get("cluster").asText()).isEqualTo(CLUSTER);
        assertThat(outcome.get("status").asText()).isEqualTo("reported");
        assertThat(outcome.get("reportKey").asText()).isEqualTo("reports/2026-11-30T030000Z/c01.json");
        assertThat(outcome.get("pageKey").asText()).isEqualTo("reports/2026-11-30T030000Z/c01.html");
        JsonNode stored = JSON.readTree(object(outcome.get("reportKey").asText()));
        assertThat(stored.get("cluster").asText()).isEqualTo(CLUSTER);
        assertThat(stored.get("counts")).isEqualTo(outcome.get("counts"));
        assertThat(object(outcome.get("pageKey").asText())).startsWith("<!DOCTYPE html>");
        assertThat(cluster.requests()).isNotEmpty().allSatisfy(FunctionZipIT::assertApiToken);
        assertThat(changes(cluster.requests())).isEmpty();
    }

    @Test
    @Order(9)
    void fleetSummaryWritesTheIndexAndPublishesEveryClustersLine() throws Exception {
        JsonNode summary = succeeded(invoke("fleet-summary", "fleet-summary.direct.json"));

        assertThat(summary.get("reported").asInt()).isEqualTo(1);
        assertThat(summary.get("failed").asInt()).isEqualTo(1);
        assertThat(summary.get("clusters").findValuesAsText("cluster")).containsExactly("c01", "broken");
        assertThat(summary.get("clusters").get(1).get("status").asText()).isEqualTo("failed");
        assertThat(summary.get("summary").asText()).contains("c01").contains("broken")
                .contains("Authentication to cluster https://broken.example.com failed (401)");
        JsonNode index = JSON.readTree(object(summary.get("indexKey").asText()));
        assertThat(index.toString()).contains("\"c01\"").contains("\"broken\"");
        assertThat(summary.get("deliveries")).containsExactly(JSON.readTree(
                "{\"sink\":\"sns\",\"outcome\":\"delivered\"}"));
        assertThat(cluster.requests()).isEmpty();
    }

    @Test
    @Order(10)
    void noFunctionLoggedTheApiTokenOrASecret() throws Exception {
        assertThat(functions.logs()).hasSize(FUNCTIONS.size());
        List<String> leaks = new ArrayList<>();
        for (Path log : functions.logs()) {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            if (text.contains(API_TOKEN) || secretsAnswered.stream().anyMatch(text::contains)
                    || TOKEN_SECRET.matcher(text).find()) {
                // Name the log only: this test must not print what it looks for.
                leaks.add(log.getFileName().toString());
            }
        }
        assertThat(leaks).as("function logs holding a token secret").isEmpty();
        assertThat(secretsAnswered).as("create-token ran, so there was a secret to leak").hasSize(1);
    }

    private static RuntimeApi.Outcome invoke(String function, String sample) throws Exception {
        return functions.function(function).invoke(sample(sample).toString(), INVOKE_SECONDS);
    }

    private static JsonNode sample(String name) throws Exception {
        return JSON.readTree(SampleEvents.read(SampleEvents.DIR.resolve(name)));
    }

    private static JsonNode succeeded(RuntimeApi.Outcome outcome) throws Exception {
        JsonNode body = JSON.readTree(outcome.body());
        assertThat(outcome.success()).as(() -> "failed: " + body.path("errorMessage").asText()).isTrue();
        return body;
    }

    private static String object(String key) {
        try (S3Client s3 = functions.moto().client(S3Client.builder().forcePathStyle(true))) {
            return s3.getObjectAsBytes(b -> b.bucket(functions.deployment().physicalId("ReportBucket")).key(key))
                    .asUtf8String();
        }
    }

    private static void assertApiToken(RecordedRequest request) {
        // Compared, not shown: a failure message must not print the token.
        assertThat(request.header("authorization").map(("Api-Token " + API_TOKEN)::equals).orElse(false))
                .as("Authorization: Api-Token <the secret stored for c01>").isTrue();
    }

    /** Requests that change the cluster's tokens: creates, updates, deletes (a lookup only reads). */
    private static List<RecordedRequest> changes(List<RecordedRequest> requests) {
        return requests.stream().filter(r -> r.method().equals("PUT") || r.method().equals("DELETE")
                || r.method().equals("POST") && r.path().equals("/api/cluster/v2/tokens")).toList();
    }

    private static <T> T single(List<T> values) {
        assertThat(values).hasSize(1);
        return values.get(0);
    }
}
