package com.clustertokens.infra;

import static com.clustertokens.infra.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.clustertokens.aws.DynamoAttributes;
import com.clustertokens.cluster.TokenMetadata;
import com.clustertokens.infra.LambdaInvokeApi.Ending;
import com.clustertokens.infra.LambdaInvokeApi.Invocation;
import com.clustertokens.remediation.LedgerEntry;
import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.simulator.SimulatedToken;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpServer;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The nightly state machine, as infra/template.yaml defines it (its DefinitionSubstitutions resolved to the local
 * functions' alias ARNs), executed by aws-local-stepfunctions, an interpreter of the States Language independent of
 * this project (src/test/stepfunctions), each Task a Lambda invocation of function.zip under the Runtime Interface
 * Client ({@link LambdaInvokeApi}). The fleet: c01 and c02, simulated clusters, and {@code down}, which answers every
 * request 500. Lambda throttles c02's first report step once. c01's ledger holds one rotation whose grace ended, so
 * the nightly follow-up has a revoke to do. One execution; the tests read what it did.
 * FleetStateMachineTest checks the definition's shape; this checks what it does.
 */
class FleetStateMachineRunIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path WORK = Path.of("target", "fleet-state-machine-run-it");
    private static final Path INTERPRETER = Path.of("src", "test", "stepfunctions");
    private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{([A-Za-z0-9]+)}");
    /** Guards against a hung execution only; it ends in well under a minute once the functions are up. */
    private static final int EXECUTION_SECONDS = 600;
    private static final String SCHEDULED_TIME = "2026-11-30T03:00:00Z";
    private static final String DOWN = "down";

    private static SimulatedCluster c01;
    private static SimulatedToken rotated;
    private static SimulatedCluster c02;
    private static HttpServer down;
    private static final AtomicInteger downRequests = new AtomicInteger();
    private static PackagedFunctions functions;
    private static LambdaInvokeApi lambda;
    private static JsonNode execution;
    private static List<Invocation> invocations;

    @BeforeAll
    static void runTheNightlyStateMachine() throws Exception {
        Instant now = Instant.now();
        c01 = SimulatedCluster.start(0, token('1')).seedSamples(now);
        c02 = SimulatedCluster.start(0, token('2')).seedSamples(now);
        down = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        down.createContext("/", exchange -> {
            downRequests.incrementAndGet();
            byte[] body = "{\"error\":{\"code\":500,\"message\":\"Internal Server Error\"}}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(500, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            exchange.close();
        });
        down.start();
        functions = PackagedFunctions.deploy(WORK, List.of(
                new PackagedFunctions.Cluster("c01", c01.url(), token('1')),
                new PackagedFunctions.Cluster("c02", c02.url(), token('2')),
                new PackagedFunctions.Cluster(DOWN, "http://127.0.0.1:" + down.getAddress().getPort(), token('3'))),
                Map.of(), List.of("fleet-clusters", "rotation-follow-up", "fleet-report", "fleet-summary"));
        rotated = c01.liveTokensNamed("ci-deploy").get(0);
        supersede(rotated, now.minus(Duration.ofHours(1)));
        lambda = new LambdaInvokeApi(functions);
        lambda.throttleOnce("fleet-report", payload -> "c02".equals(payload.path("cluster").asText()));
        execution = run(definition(), scheduleInput());
        invocations = lambda.invocations();
        // For whoever reads a failure: what each step was sent and answered (no secret is in either).
        Files.writeString(WORK.resolve("invocations.json"), JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(invocations));
    }

    @AfterAll
    static void stop() throws Exception {
        if (lambda != null) {
            lambda.close();
        }
        if (functions != null) {
            functions.close();
        }
        for (SimulatedCluster cluster : new SimulatedCluster[]{c01, c02}) {
            if (cluster != null) {
                cluster.stop();
            }
        }
        if (down != null) {
            down.stop(0);
        }
    }

    @Test
    void theRunSucceedsWithOneSummaryOfEveryClusterTheFailedOneIncluded() {
        assertThat(execution.get("status").asText()).as(execution::toString).isEqualTo("SUCCEEDED");
        JsonNode summary = execution.get("output");
        assertThat(summary.get("reported").asInt()).isEqualTo(2);
        assertThat(summary.get("failed").asInt()).isEqualTo(1);
        assertThat(summary.get("clusters").findValuesAsText("cluster")).containsExactly("c01", "c02", DOWN);
        assertThat(summary.get("clusters").findValuesAsText("status")).containsExactly("reported", "reported",
                "failed");
        assertThat(summary.get("summary").asText()).contains("c01").contains("c02").contains(DOWN);
        assertThat(summary.get("deliveries")).containsExactly(JSON.createObjectNode().put("sink", "sns")
                .put("outcome", "delivered"));
        assertThat(ofFunction("fleet-summary")).singleElement()
                .satisfies(i -> assertThat(i.ending()).isEqualTo(Ending.RESPONSE));
    }

    @Test
    void theSummaryStepGetsEachClustersLineAsTheMapLeftIt() throws Exception {
        Invocation summary = ofFunction("fleet-summary").get(0);
        assertThat(summary.payload().get("scheduledTime").asText()).isEqualTo(SCHEDULED_TIME);
        JsonNode results = summary.payload().get("results");
        assertThat(results.findValuesAsText("cluster")).containsExactly("c01", "c02", DOWN);
        for (JsonNode reported : List.of(results.get(0), results.get(1))) {
            assertThat(reported.get("status").asText()).isEqualTo("reported");
            String key = reported.get("reportKey").asText();
            assertThat(key).isEqualTo("reports/2026-11-30T030000Z/" + reported.get("cluster").asText() + ".json");
            assertThat(JSON.readTree(object(key)).get("cluster").asText())
                    .isEqualTo(reported.get("cluster").asText());
        }
        JsonNode failed = results.get(2);
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        // The catch's Error is the function's errorType, its Cause the error document Lambda returned.
        JsonNode lastError = ofCluster(DOWN).get(ofCluster(DOWN).size() - 1).answer();
        assertThat(failed.get("errorType").asText()).isEqualTo(lastError.get("errorType").asText());
        assertThat(lastError.get("errorMessage").asText()).startsWith("ClusterUnavailableException: ")
                .contains("answered 500");
        assertThat(failed.get("error").asText()).contains("ClusterUnavailableException: ").contains("answered 500");
    }

    @Test
    void aClusterWhoseReportFailsIsRetriedOnceAndNeverStopsTheOthers() {
        assertThat(ofCluster(DOWN)).hasSize(2)
                .allSatisfy(i -> assertThat(i.ending()).isEqualTo(Ending.FUNCTION_ERROR));
        assertThat(downRequests.get()).as("both attempts reached the cluster").isGreaterThanOrEqualTo(2);
        assertThat(ofCluster("c01")).singleElement().satisfies(i -> assertThat(i.ending()).isEqualTo(Ending.RESPONSE));
    }

    @Test
    void aReportStepLambdaThrottlesIsRetriedAndItsClusterReported() {
        assertThat(ofCluster("c02")).extracting(Invocation::ending).containsExactly(Ending.THROTTLED,
                Ending.RESPONSE);
        assertThat(c02.requests()).isNotEmpty();
    }

    @Test
    void theRunStartsFromTheSchedulesInputAndMapsOverTheRegistry() {
        assertThat(ofFunction("fleet-clusters")).singleElement().satisfies(i -> {
            assertThat(i.payload()).isEqualTo(scheduleInput());
            assertThat(i.answer().get("clusters")).containsExactly(TextNode.valueOf("c01"), TextNode.valueOf("c02"),
                    TextNode.valueOf(DOWN));
        });
        assertThat(ofFunction("fleet-report")).allSatisfy(
                i -> assertThat(i.payload().get("scheduledTime").asText()).isEqualTo(SCHEDULED_TIME));
    }

    @Test
    void eachClustersRunStartsWithItsRotationFollowUpWhichRevokesWhatIsDueBeforeTheReport() {
        List<Invocation> followUps = ofFunction("rotation-follow-up");
        assertThat(followUps).extracting(i -> i.payload().toString()).containsExactlyInAnyOrder(
                "{\"cluster\":\"c01\"}", "{\"cluster\":\"c02\"}", "{\"cluster\":\"" + DOWN + "\"}");
        for (String cluster : List.of("c01", "c02", DOWN)) {
            int followUp = invocations.indexOf(followUps.stream().filter(i -> cluster.equals(i.payload().path(
                    "cluster").asText())).findFirst().orElseThrow());
            int report = invocations.indexOf(ofCluster(cluster).get(0));
            assertThat(followUp).as(cluster + ": the follow-up comes before the report").isLessThan(report);
        }
        Invocation c01FollowUp = followUps.stream().filter(i -> "c01".equals(i.payload().path("cluster").asText()))
                .findFirst().orElseThrow();
        assertThat(c01FollowUp.ending()).isEqualTo(Ending.RESPONSE);
        assertThat(c01FollowUp.answer().get("actions")).singleElement().satisfies(a -> {
            assertThat(a.get("action").asText()).isEqualTo("revoke");
            assertThat(a.get("id").asText()).isEqualTo(rotated.id());
            assertThat(a.get("outcome").asText()).isEqualTo("done");
        });
        assertThat(c01.requests()).filteredOn(r -> r.method().equals("PUT")).singleElement().satisfies(r -> {
            assertThat(r.path()).endsWith("/tokens/" + rotated.id());
            assertThat(r.body()).isEqualTo("{\"revoked\":true}");
        });
        assertThat(c02.requests()).noneMatch(r -> r.method().equals("PUT") || r.method().equals("DELETE"));
        // A failed follow-up never stops its cluster's report: the down cluster's report was still attempted.
        assertThat(followUps.stream().filter(i -> DOWN.equals(i.payload().path("cluster").asText())))
                .allSatisfy(i -> assertThat(i.ending()).isEqualTo(Ending.FUNCTION_ERROR));
        assertThat(ofCluster(DOWN)).isNotEmpty();
    }

    /** Writes c01's ledger entry of {@code token} as rotate-token's hand-off does, its grace ended at {@code due}. */
    private static void supersede(SimulatedToken token, Instant due) {
        TokenMetadata m = new TokenMetadata(token.id(), token.name(), token.userId(), false, millis(token.created()),
                millis(token.expires()), millis(token.lastUse()), token.scopes(), false);
        LedgerEntry entry = LedgerEntry.superseded("c01", Optional.empty(), m, new LedgerEntry.Rotation(
                "replacement-of-ci-deploy", due.minus(Duration.ofDays(7)), due, "fleet-run-it",
                "rotation-replacement-of-ci-deploy"));
        ObjectMapper items = JsonMapper.builder().addModule(new JavaTimeModule())
                .enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS).build();
        try (DynamoDbClient dynamoDb = functions.moto().client(DynamoDbClient.builder())) {
            dynamoDb.putItem(b -> b.tableName(functions.deployment().physicalId("RemediationLedgerTable"))
                    .item(DynamoAttributes.of(items.valueToTree(entry)).m()));
        }
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    private static List<Invocation> ofFunction(String function) {
        return invocations.stream().filter(i -> i.function().equals(function)).toList();
    }

    private static List<Invocation> ofCluster(String cluster) {
        return ofFunction("fleet-report").stream().filter(i -> cluster.equals(i.payload().path("cluster").asText()))
                .toList();
    }

    /** The template's definition, each ${Substitution} replaced by what DefinitionSubstitutions resolves it to. */
    private static JsonNode definition() {
        Map<String, Object> machine = map(map(functions.template().resources().get("FleetStateMachine"))
                .get("Properties"));
        Map<String, Object> substitutions = map(machine.get("DefinitionSubstitutions"));
        JsonNode definition = JSON.valueToTree(machine.get("Definition"));
        return substitute(definition, substitutions);
    }

    private static JsonNode substitute(JsonNode node, Map<String, Object> substitutions) {
        if (node.isTextual()) {
            Matcher matcher = SUBSTITUTION.matcher(node.asText());
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                Object value = substitutions.get(matcher.group(1));
                assertThat(value).as("DefinitionSubstitutions holds " + matcher.group(1)).isNotNull();
                matcher.appendReplacement(out, Matcher.quoteReplacement(functions.deployment().resolve(value)));
            }
            return TextNode.valueOf(matcher.appendTail(out).toString());
        }
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            node.fields().forEachRemaining(f -> copy.set(f.getKey(), substitute(f.getValue(), substitutions)));
            return copy;
        }
        if (node.isArray()) {
            var copy = JSON.createArrayNode();
            node.forEach(item -> copy.add(substitute(item, substitutions)));
            return copy;
        }
        return node;
    }

    /** What the nightly schedule starts the run with: its Input, the scheduled time filled in as Scheduler does. */
    private static JsonNode scheduleInput() {
        Map<String, Object> machine = map(map(functions.template().resources().get("FleetStateMachine"))
                .get("Properties"));
        String input = String.valueOf(map(map(map(machine.get("Events")).get("Nightly")).get("Properties"))
                .get("Input"));
        try {
            return JSON.readTree(input.replace("<aws.scheduler.scheduled-time>", SCHEDULED_TIME));
        } catch (IOException e) {
            throw new IllegalStateException("the schedule's Input is not JSON", e);
        }
    }

    private static JsonNode run(JsonNode definition, JsonNode input) throws Exception {
        if (!Files.isDirectory(INTERPRETER.resolve("node_modules/aws-local-stepfunctions"))) {
            throw new IllegalStateException("the interpreter is not installed: npm ci in " + INTERPRETER
                    + " (the build runs it before the integration tests)");
        }
        Path definitionFile = WORK.resolve("definition.json");
        Path inputFile = WORK.resolve("input.json");
        Files.writeString(definitionFile, definition.toPrettyString());
        Files.writeString(inputFile, input.toString());
        Path outcome = WORK.resolve("execution.json");
        ProcessBuilder builder = new ProcessBuilder("node", INTERPRETER.resolve("run-state-machine.mjs").toString(),
                definitionFile.toString(), inputFile.toString())
                .redirectOutput(outcome.toFile()).redirectError(WORK.resolve("interpreter.log").toFile());
        String path = builder.environment().get("PATH");
        builder.environment().clear();
        builder.environment().put("PATH", path);
        builder.environment().put("LAMBDA_ENDPOINT", lambda.url());
        builder.environment().put("AWS_REGION", LocalDeployment.REGION);
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(EXECUTION_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the execution did not end within " + EXECUTION_SECONDS + " s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("the interpreter failed (exit " + process.exitValue() + "): "
                    + Files.readString(WORK.resolve("interpreter.log")));
        }
        return JSON.readTree(outcome.toFile());
    }

    private static String object(String key) {
        try (S3Client s3 = functions.moto().client(S3Client.builder().forcePathStyle(true))) {
            return s3.getObjectAsBytes(b -> b.bucket(functions.deployment().physicalId("ReportBucket")).key(key))
                    .asUtf8String();
        }
    }

    /** An API token in the real format for cluster {@code n}; each opens only its simulated cluster. */
    private static String token(char n) {
        return "dt0c01.FLEETRUNCLUSTER" + n + "00000000." + String.valueOf(n).repeat(64);
    }
}
