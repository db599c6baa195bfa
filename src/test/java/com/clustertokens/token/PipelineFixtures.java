package com.clustertokens.token;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;

import com.clustertokens.simulator.SimulatedCluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/** Events, stubs and log capture shared by the pipeline tests. */
public final class PipelineFixtures {

    public static final ObjectMapper JSON = new ObjectMapper();
    static final String QUEUE_ARN = "arn:aws:sqs:eu-west-1:123456789012:cluster-tokens-CreateTokenQueue-AbCdEf123456";
    static final String CREATE_SECRET = "secretsmanager.CreateSecret";

    private PipelineFixtures() {
    }

    /** An SQS message as Lambda delivers it. */
    public static ObjectNode message(String messageId, String body) {
        ObjectNode record = JSON.createObjectNode();
        record.put("messageId", messageId);
        record.put("receiptHandle", "AQEB" + messageId.replace("-", ""));
        record.put("body", body);
        record.putObject("attributes").put("ApproximateReceiveCount", "1").put("SentTimestamp", "1795316400000");
        record.putObject("messageAttributes");
        record.put("md5OfBody", "3475d404aa42116f55530f4d5dd4d7f9");
        record.put("eventSource", "aws:sqs");
        record.put("eventSourceARN", QUEUE_ARN);
        record.put("awsRegion", "eu-west-1");
        return record;
    }

    /** An SQS event (a batch) of these messages. */
    public static String batch(ObjectNode... messages) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (ObjectNode message : messages) {
            records.add(message);
        }
        return event.toString();
    }

    /** An EventBridge event from a pipeline, the request in its detail. */
    static String eventBridge(String id, String detailJson) throws Exception {
        return eventBridge(id, "CreateClusterToken", detailJson);
    }

    /** An EventBridge event of {@code detailType} from a pipeline, the request in its detail. */
    public static String eventBridge(String id, String detailType, String detailJson) throws Exception {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", id);
        event.put("detail-type", detailType);
        event.put("source", "my.pipeline");
        event.put("account", "123456789012");
        event.put("time", "2026-11-22T08:00:00Z");
        event.put("region", "eu-west-1");
        event.putArray("resources");
        event.set("detail", JSON.readTree(detailJson));
        return event.toString();
    }

    /** Secrets Manager's CreateSecret answering as AWS does, with an ARN made of the requested name. */
    static void acceptCreateSecret(WireMockServer secretsManager) {
        secretsManager.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(CREATE_SECRET))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"ARN\":\"arn:aws:secretsmanager:eu-west-1:123456789012:secret:"
                                + "{{jsonPath request.body '$.Name'}}-AbCdEf\",\"Name\":\"{{jsonPath request.body '$.Name'}}\","
                                + "\"VersionId\":\"2a7b4c5d-0000-4000-8000-000000000001\"}")
                        .withTransformers("response-template")));
    }

    static List<LoggedRequest> createSecretRequests(WireMockServer secretsManager) {
        return secretsManager.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target",
                equalTo(CREATE_SECRET)));
    }

    /** Creates the cluster received: POST /api/cluster/v2/tokens (lookups are POST …/lookup). */
    static long creates(SimulatedCluster cluster) {
        return cluster.requests().stream()
                .filter(r -> r.method().equals("POST") && r.path().equals("/api/cluster/v2/tokens")).count();
    }

    /** Every log record of the application, formatted, unfiltered: what any handler could write. */
    public static final class LogCapture extends Handler implements AutoCloseable {
        private final List<String> lines = new ArrayList<>();

        public static LogCapture start() {
            LogCapture capture = new LogCapture();
            LogContext.getLogContext().getLogger("").addHandler(capture);
            return capture;
        }

        @Override
        public void publish(LogRecord record) {
            String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
            synchronized (lines) {
                lines.add(message + (record.getThrown() == null ? "" : " " + record.getThrown()));
            }
        }

        public String text() {
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            LogContext.getLogContext().getLogger("").removeHandler(this);
        }
    }
}
