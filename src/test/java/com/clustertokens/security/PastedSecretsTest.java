package com.clustertokens.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.clustertokens.hygiene.StaleTokensRequest;
import com.clustertokens.lambda.EventBridgeEvent;
import com.clustertokens.lambda.Timestamp;
import com.clustertokens.testing.ConsoleCapture;
import com.clustertokens.testing.ControlledClock;
import com.clustertokens.testing.Exports;
import com.clustertokens.testing.Functions;
import com.clustertokens.testing.InjectWireMock;
import com.clustertokens.testing.LeakedSecrets;
import com.clustertokens.testing.LeakedSecrets.Pasted;
import com.clustertokens.testing.PipelineAwsResource;
import com.clustertokens.testing.WireMockClusterResource;
import com.clustertokens.token.CreateTokenRequest;
import com.clustertokens.token.ListTokensRequest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A token secret pasted into any string field of any function, of any envelope (direct, EventBridge, SQS, Scheduled
 * Event), as an unknown field's name, or echoed back in the cluster's own error message and constraint violations:
 * no error a caller reads and no log line shows {@value LeakedSecrets#PIECE} or more of its characters. The fields
 * are read from the request records, so a field added later is covered without touching this test.
 */
@QuarkusTest
@TestProfile(Exports.CreateTokenWithDeadline.class)
@WithTestResource(WireMockClusterResource.class)
@WithTestResource(PipelineAwsResource.class)
class PastedSecretsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CREATE = "{\"name\":\"leak-check\",\"scopes\":[\"DiagnosticExport\"]}";

    @InjectWireMock
    WireMockServer cluster;

    private ConsoleCapture console;

    @BeforeEach
    void captureWhatTheConsoleWrites() {
        // Retries' back-offs pass at once on it: the cluster here refuses everything.
        ControlledClock.installed();
        console = ConsoleCapture.start();
    }

    @AfterEach
    void stopCapturing() {
        console.close();
    }

    static Stream<Arguments> pastedEverywhere() throws Exception {
        List<Arguments> cases = new ArrayList<>();
        for (Pasted pasted : LeakedSecrets.PASTED) {
            String secret = pasted.value();
            for (Placed request : placed(CreateTokenRequest.class, JSON.readTree(CREATE), secret)) {
                cases.add(Arguments.of("create-token", "direct: " + request.where(), pasted, request.json()));
                cases.add(Arguments.of("create-token", "EventBridge detail." + request.where(), pasted,
                        eventBridge("CreateClusterToken", request.json())));
                cases.add(Arguments.of("create-token", "SQS body." + request.where(), pasted,
                        sqs(message(JSON.writeValueAsString(request.json())))));
            }
            for (Placed envelope : placed(EventBridgeEvent.class, eventBridge("CreateClusterToken", JSON.readTree(
                    CREATE)),
                    secret)) {
                cases.add(Arguments.of("create-token", "EventBridge " + envelope.where(), pasted, envelope.json()));
            }
            for (String field : List.of("messageId", "eventSource", "eventSourceARN", "body")) {
                ObjectNode message = message(CREATE);
                message.put(field, secret);
                cases.add(Arguments.of("create-token", "SQS " + field, pasted, sqs(message)));
            }
            for (Placed request : placed(ListTokensRequest.class, JSON.createObjectNode(), secret)) {
                cases.add(Arguments.of("list-tokens", request.where(), pasted, request.json()));
            }
            for (Placed request : placed(StaleTokensRequest.class, JSON.createObjectNode(), secret)) {
                cases.add(Arguments.of("stale-tokens", "direct: " + request.where(), pasted, request.json()));
                cases.add(Arguments.of("stale-tokens", "Scheduled Event detail." + request.where(), pasted,
                        eventBridge(EventBridgeEvent.SCHEDULED, request.json())));
            }
            for (Placed envelope : placed(EventBridgeEvent.class, eventBridge(EventBridgeEvent.SCHEDULED,
                    JSON.createObjectNode()), secret)) {
                cases.add(Arguments.of("stale-tokens", "Scheduled Event " + envelope.where(), pasted, envelope.json()));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("pastedEverywhere")
    void showsNoPartOfAPastedSecretInTheErrorOrTheLog(String function, String where, Pasted pasted, JsonNode event) {
        refuseEverythingEchoing(pasted.value());

        Functions.Result result = Functions.invoke(function, event.toString());

        boolean sqs = event.has("Records");
        if (sqs) {
            assertThat(result.succeeded()).as("an SQS batch reports its failures itself").isTrue();
            assertThat(logs()).as("the failed message is logged").contains("failed, reported in batchItemFailures");
        } else {
            assertThat(result.succeeded()).as("the cluster refuses every request here").isFalse();
        }
        assertThat(LeakedSecrets.leakIn(result.errorMessage())).as("secret in the error: " + where).isNull();
        assertThat(LeakedSecrets.leakIn(logs())).as("secret in the log: " + where).isNull();
    }

    @Test
    void reportsTheClustersMessageAndViolationsCutAndMaskedButStillReadable() {
        StringBuilder violations = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            violations.append(i == 0 ? "" : ",").append("{\"path\":\"name\",\"message\":\"must not contain ")
                    .append(LeakedSecrets.BARE).append(" (rule ").append(i).append(")\",\"parameterLocation\":"
                            + "\"PAYLOAD_BODY\"}");
        }
        cluster.resetAll();
        cluster.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(400).withHeader("Content-Type",
                "application/json").withBody("{\"error\":{\"code\":400,\"message\":\"Token name "
                        + LeakedSecrets.NEW_FORMAT + " is invalid: " + "very long explanation ".repeat(500)
                        + "\",\"constraintViolations\":[" + violations + "]}}")));

        Functions.Result result = Functions.invoke("create-token", CREATE);

        assertThat(result.errorMessage()).startsWith("ClusterRejectedRequestException: Cluster ")
                .contains("rejected the request (400): Token name " + LeakedSecrets.IDENTIFIER
                        + ".<redacted> is invalid: very long explanation")
                .contains("[name: must not contain <redacted> (rule 0); ",
                        "name: must not contain <redacted> (rule 9); "
                                + "and 40 more]")
                .doesNotContain("(rule 10)").hasSizeLessThan(3_000);
        assertThat(LeakedSecrets.leakIn(result.errorMessage())).isNull();
    }

    static Stream<Arguments> clusterAnswers() {
        String envelope = "{\"error\":{\"code\":%d,\"message\":\"Rejected " + LeakedSecrets.LEGACY + " and "
                + LeakedSecrets.BARE + "\"}}";
        return Stream.of(
                Arguments.of(401, "application/json", envelope.formatted(401), "OK", "AuthenticationFailedException"),
                Arguments.of(429, "application/json", envelope.formatted(429), "OK", "RateLimitedException"),
                Arguments.of(502, "text/html", "<html><body>Bad gateway for " + LeakedSecrets.NEW_FORMAT
                        + "</body></html>", "Bad Gateway", "ClusterUnavailableException"),
                Arguments.of(503, "text/plain", "", "Unavailable " + LeakedSecrets.BARE,
                        "ClusterUnavailableException"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("clusterAnswers")
    void showsNoSecretTheClusterEchoesInAnyKindOfError(int status, String type, String body, String reason,
            String kind) {
        cluster.resetAll();
        cluster.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(status).withStatusMessage(reason)
                .withHeader("Content-Type", type).withBody(body)));

        Functions.Result result = Functions.invoke("list-tokens", "{}");

        assertThat(result.errorMessage()).startsWith(kind + ": ");
        assertThat(LeakedSecrets.leakIn(result.errorMessage())).as(result.errorMessage()).isNull();
        assertThat(LeakedSecrets.leakIn(logs())).isNull();
    }

    /** The cluster answers everything with a 400 whose message and violations repeat the value and the request. */
    private void refuseEverythingEchoing(String secret) {
        cluster.resetAll();
        cluster.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withTransformers("response-template")
                .withBody("{\"error\":{\"code\":400,\"message\":\"Token '" + secret + "' is not valid for "
                        + "{{request.url}}\",\"constraintViolations\":[{\"path\":\"" + secret + "\",\"message\":\""
                        + "must not be " + secret + "\",\"parameterLocation\":\"PAYLOAD_BODY\"}]}}")));
    }

    private String logs() {
        return console.text();
    }

    /** A request with one field (or an unknown field's name) replaced by the secret. */
    record Placed(String where, JsonNode json) {
    }

    /**
     * The base request once per field of {@code type}, that field holding {@code secret} as a string (in a list, a
     * one-element list; in a nested record, each of its fields in turn), and once with {@code secret} as the name of
     * an unknown field at each level.
     */
    static List<Placed> placed(Class<?> type, JsonNode base, String secret) {
        List<Placed> placed = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
            String name = renamed == null ? component.getName() : renamed.value();
            Class<?> raw = component.getType();
            if (raw == JsonNode.class) {
                continue; // an envelope's detail: the request, placed by the caller
            }
            if (raw.isRecord() && raw != Timestamp.class) {
                for (Placed inner : placed(raw, JSON.createObjectNode(), secret)) {
                    placed.add(new Placed(name + "." + inner.where(), with(base, name, inner.json())));
                }
            } else if (List.class.isAssignableFrom(raw)) {
                ArrayNode list = JSON.createArrayNode().add(secret);
                placed.add(new Placed(name + "[0] (" + elementName(component) + ")", with(base, name, list)));
            } else {
                placed.add(new Placed(name + " (" + raw.getSimpleName() + ")", with(base, name,
                        JSON.getNodeFactory().textNode(secret))));
            }
        }
        placed.add(new Placed("unknown field name", with(base, secret, JSON.getNodeFactory().textNode("x"))));
        return placed;
    }

    private static String elementName(RecordComponent component) {
        return component.getGenericType() instanceof ParameterizedType p
                ? ((Class<?>) p.getActualTypeArguments()[0]).getSimpleName()
                : "?";
    }

    private static JsonNode with(JsonNode base, String field, JsonNode value) {
        ObjectNode copy = base.deepCopy();
        copy.set(field, value);
        return copy;
    }

    private static JsonNode eventBridge(String detailType, JsonNode detail) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString()); // each its own idempotency key
        event.put("detail-type", detailType);
        event.put("source", "my.pipeline");
        event.put("account", "123456789012");
        event.put("time", "2026-11-22T08:00:00Z");
        event.put("region", "eu-west-1");
        event.putArray("resources").add("arn:aws:events:eu-west-1:123456789012:rule/nightly");
        event.set("detail", detail);
        return event;
    }

    private static ObjectNode message(String body) {
        ObjectNode record = JSON.createObjectNode();
        record.put("messageId", UUID.randomUUID().toString());
        record.put("body", body);
        record.put("eventSource", "aws:sqs");
        record.put("eventSourceARN", "arn:aws:sqs:eu-west-1:123456789012:cluster-tokens-CreateTokenQueue");
        record.put("awsRegion", "eu-west-1");
        return record;
    }

    private static JsonNode sqs(ObjectNode message) {
        ObjectNode event = JSON.createObjectNode();
        event.putArray("Records").add(message);
        return event;
    }
}
