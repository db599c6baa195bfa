package com.clustertokens.hygiene.delivery;

import static com.clustertokens.testing.Lambda.invokeFailing;
import static com.clustertokens.testing.Lambda.invokeOk;
import static com.clustertokens.testing.SecretsManagerStubs.noSuchSecret;
import static com.clustertokens.testing.SecretsManagerStubs.secretReads;
import static com.clustertokens.testing.SecretsManagerStubs.secretValue;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.aws.SecretValues;
import com.clustertokens.error.AwsUnavailableException;
import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.simulator.SimulatedToken;
import com.clustertokens.testing.Exports;
import com.clustertokens.testing.InjectSimulatedCluster;
import com.clustertokens.testing.InjectWireMock;
import com.clustertokens.testing.MotoServer;
import com.clustertokens.testing.SimulatedClusterResource;
import com.clustertokens.testing.TestTokens;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Delivery through the real AWS SDK (SNS, Secrets Manager) and a webhook, all against WireMock, with the run record in
 * DynamoDB served by moto.
 */
@QuarkusTest
@TestProfile(Exports.StaleTokens.class)
@WithTestResource(SimulatedClusterResource.class)
@WithTestResource(AwsStandInResource.class)
@WithTestResource(RunTableResource.class)
class StaleTokensDeliveryTest {

    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
    private static final String PUBLISH_OK = "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
            + "<PublishResult><MessageId>567910cd-659e-55d4-8ccb-5aaf14679dc0</MessageId></PublishResult>"
            + "<ResponseMetadata><RequestId>d74b8436-ae13-5ab4-a9ff-ce54dfea72a0</RequestId></ResponseMetadata>"
            + "</PublishResponse>";
    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectSimulatedCluster
    SimulatedCluster cluster;

    @InjectWireMock
    WireMockServer aws;

    @Inject
    SecretValues secrets;

    @BeforeEach
    void seed() {
        cluster.withClock(Clock.fixed(NOW, ZoneOffset.UTC));
        cluster.reset();
        cluster.addToken("old-backup-job", "bob", List.of("ControlManagement"), NOW.minus(Duration.ofDays(200)));
        neverUsed("<!channel> & friends");
        aws.resetAll();
        aws.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=Publish"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(PUBLISH_OK)));
        aws.stubFor(post(urlEqualTo(AwsStandInResource.WEBHOOK_PATH)).willReturn(aResponse().withStatus(200)
                .withBody("ok")));
    }

    @Test
    void publishesTheSummaryToSnsAndTheWebhook() throws Exception {
        String summary = invokeOk(Map.of("now", NOW.toString())).extract().path("summary");

        LoggedRequest publish = single("/");
        Map<String, String> form = form(publish.getBodyAsString());
        assertThat(form).containsEntry("Action", "Publish").containsEntry("TopicArn", AwsStandInResource.TOPIC_ARN)
                .containsEntry("Subject", "Cluster token hygiene report").containsEntry("Message", summary);
        assertThat(publish.getHeader("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDTESTSTANDIN/")
                .contains("/eu-west-1/sns/aws4_request");

        LoggedRequest webhook = single(AwsStandInResource.WEBHOOK_PATH);
        assertThat(webhook.getHeader("Content-Type")).startsWith("application/json");
        String text = JSON.readTree(webhook.getBodyAsString()).get("text").asText();
        assertThat(text).isEqualTo(SlackSink.escape(summary)).contains("&lt;!channel&gt; &amp; friends")
                .doesNotContain("<!channel>");
        assertThat(summary).contains("old-backup-job").contains("1 dormant · 1 no recorded use");
    }

    @Test
    void cutsLongSummariesToEachSinksLimitWithAMarker() throws Exception {
        for (int i = 0; i < 25; i++) {
            neverUsed("long-" + i + "-" + "x ".repeat(6_000));
        }

        String summary = invokeOk(Map.of("now", NOW.toString())).extract().path("summary");

        assertThat(summary.length()).isGreaterThan(262_144);
        String message = form(single("/").getBodyAsString()).get("Message");
        assertThat(message.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(256 * 1024)
                .isGreaterThan(250 * 1024);
        assertThat(message).endsWith(Deliveries.marker(summary.length()));
        assertThat(summary).startsWith(message.substring(0, 1000));
        String text = JSON.readTree(single(AwsStandInResource.WEBHOOK_PATH).getBodyAsString()).get("text").asText();
        assertThat(text.length()).isLessThanOrEqualTo(40_000).isGreaterThan(39_000);
        assertThat(text).contains("…[truncated: the summary has ");
    }

    @Test
    void failsNamingTheWebhookWhenItFailsAfterSnsGotTheMessage() {
        aws.stubFor(post(urlEqualTo(AwsStandInResource.WEBHOOK_PATH)).willReturn(aResponse().withStatus(404)
                .withBody("no_service")));

        String error = invokeFailing(Map.of("now", NOW.toString()));

        assertThat(error).startsWith("DeliveryFailedException: Report delivery failed for slack: slack: webhook at "
                + "localhost answered 404: no_service");
        assertThat(error).doesNotContain("WEBHOOKSECRETPATH").doesNotContain("/services/");
        assertThat(form(single("/").getBodyAsString())).containsKey("Message");
    }

    @Test
    void failsNamingSnsWhenItFailsAfterTheWebhookGotTheMessage() {
        aws.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=Publish")).willReturn(aResponse()
                .withStatus(403).withHeader("Content-Type", "text/xml").withBody(
                        "<ErrorResponse><Error><Type>Sender</Type><Code>AuthorizationError</Code><Message>User is "
                                + "not authorized to perform: SNS:Publish</Message></Error>"
                                + "<RequestId>1</RequestId></ErrorResponse>")));

        String error = invokeFailing(Map.of("now", NOW.toString()));

        assertThat(error).startsWith("DeliveryFailedException: Report delivery failed for sns: sns: topic "
                + AwsStandInResource.TOPIC_ARN + " refused the message: AuthorizationError (HTTP 403)");
        assertThat(single(AwsStandInResource.WEBHOOK_PATH).getBodyAsString()).contains("old-backup-job");
        assertThat(error.contains(TestTokens.API_TOKEN)).isFalse();
    }

    @Test
    void retriesAScheduledRunBySendingTheFirstSummaryOnlyToTheSinkThatFailed() throws Exception {
        String time = "2026-11-01T03:00:00Z";
        aws.stubFor(post(urlEqualTo(AwsStandInResource.WEBHOOK_PATH)).willReturn(aResponse().withStatus(500)
                .withBody("try later")));

        long before = Instant.now().getEpochSecond();
        String error = invokeFailing(Map.of("scheduledTime", time));
        long after = Instant.now().getEpochSecond();

        assertThat(error).startsWith("DeliveryFailedException: Report delivery failed for slack: slack: webhook at "
                + "localhost answered 500: try later");
        String sent = form(single("/").getBodyAsString()).get("Message");
        assertThat(sent).contains("(90 days before " + time + ")").contains("old-backup-job");
        Map<String, AttributeValue> record = runRecord("schedule at " + time);
        assertThat(record.get("sns").s()).isEqualTo("DELIVERED");
        assertThat(record).as("a sink that surely failed is released").doesNotContainKey("slack");
        assertThat(record.get("summary").s()).isEqualTo(sent);
        // Fourteen days from the run, however long it took: bracketed by the test's readings of the clock.
        assertThat(Long.parseLong(record.get("expiresAt").n())).isBetween(before + Duration.ofDays(14).toSeconds(),
                after + Duration.ofDays(14).toSeconds());

        // The retry: the webhook is back, and the cluster changed meanwhile
        aws.stubFor(post(urlEqualTo(AwsStandInResource.WEBHOOK_PATH)).willReturn(aResponse().withStatus(200)));
        cluster.addToken("created-between-attempts", "bob", List.of("DiagnosticExport"), NOW.minus(Duration.ofDays(
                150)));
        cluster.clearRequests();
        JsonPath retry = invokeOk(Map.of("scheduledTime", time)).extract().jsonPath();

        assertThat(retry.getList("deliveries.sink")).containsExactly("sns", "slack");
        assertThat(retry.getList("deliveries.outcome")).containsExactly("deliveredEarlier", "delivered");
        assertThat(retry.getString("summary")).isEqualTo(sent);
        assertThat(retry.getString("now")).isEqualTo(time);
        assertThat(publishes()).as("SNS got the report once").hasSize(1);
        List<LoggedRequest> posts = aws.findAll(postRequestedFor(urlEqualTo(AwsStandInResource.WEBHOOK_PATH)));
        assertThat(posts).hasSize(2);
        assertThat(JSON.readTree(posts.get(1).getBodyAsString()).get("text").asText())
                .isEqualTo(SlackSink.escape(sent));
        assertThat(cluster.requests()).as("the retry read nothing from the cluster").isEmpty();
        assertThat(runRecord("schedule at " + time).get("slack").s()).isEqualTo("DELIVERED");

        // A third invocation of the same run (EventBridge Scheduler delivers at least once) sends nothing
        JsonPath third = invokeOk(Map.of("scheduledTime", time)).extract().jsonPath();

        assertThat(third.getList("deliveries.outcome")).containsExactly("deliveredEarlier", "deliveredEarlier");
        assertThat(publishes()).hasSize(1);
        assertThat(aws.findAll(postRequestedFor(urlEqualTo(AwsStandInResource.WEBHOOK_PATH)))).hasSize(2);
    }

    @Test
    void neverSendsAgainToASinkThatMayHaveGotTheReport() {
        String time = "2026-11-02T03:00:00Z";
        aws.stubFor(post(urlEqualTo(AwsStandInResource.WEBHOOK_PATH)).willReturn(aResponse()
                .withFault(Fault.CONNECTION_RESET_BY_PEER)));

        String error = invokeFailing(Map.of("scheduledTime", time));

        assertThat(error).startsWith("DeliveryFailedException: Report delivery failed for slack: slack: webhook at "
                + "localhost gave no answer: ").endsWith("(it may have been delivered, so no retry of this run sends "
                        + "it again). The other sinks were served; the report's summary is in the function's log");
        assertThat(runRecord("schedule at " + time).get("slack").s()).isEqualTo("SENDING");

        aws.stubFor(post(urlEqualTo(AwsStandInResource.WEBHOOK_PATH)).willReturn(aResponse().withStatus(200)));
        JsonPath retry = invokeOk(Map.of("scheduledTime", time)).extract().jsonPath();

        assertThat(retry.getList("deliveries.outcome")).containsExactly("deliveredEarlier", "maybeDeliveredEarlier");
        assertThat(aws.findAll(postRequestedFor(urlEqualTo(AwsStandInResource.WEBHOOK_PATH)))).hasSize(1);
        assertThat(publishes()).hasSize(1);
    }

    @Test
    void deliversADirectRunEveryTimeItIsInvoked() {
        invokeOk(Map.of("now", NOW.toString()));
        JsonPath again = invokeOk(Map.of("now", NOW.toString())).extract().jsonPath();

        assertThat(again.getList("deliveries.outcome")).containsExactly("delivered", "delivered");
        assertThat(publishes()).hasSize(2);
        assertThat(aws.findAll(postRequestedFor(urlEqualTo(AwsStandInResource.WEBHOOK_PATH)))).hasSize(2);
    }

    @Test
    void readsASecretFromSecretsManagerOnceWithinItsCacheTime() {
        secrets.clear();
        String arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:hygiene-webhook-AbCdEf";
        secretValue(aws, arn, "hygiene-webhook", "https://hooks.example.com/services/T1/B1/STOREDSECRET");

        boolean first = "https://hooks.example.com/services/T1/B1/STOREDSECRET".equals(secrets.get(arn));
        boolean second = "https://hooks.example.com/services/T1/B1/STOREDSECRET".equals(secrets.get(arn));

        assertThat(first && second).isTrue();
        List<LoggedRequest> reads = secretReads(aws);
        assertThat(reads).hasSize(1);
        assertThat(reads.get(0).getBodyAsString()).contains("\"SecretId\":\"" + arn + "\"");
    }

    @Test
    void reportsAMissingSecretByArnAndAwsErrorCode() {
        secrets.clear();
        String arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:missing";
        noSuchSecret(aws, "message");

        try {
            secrets.get(arn);
            throw new AssertionError("expected a failure");
        } catch (AwsUnavailableException e) {
            assertThat(e).hasToString("AwsUnavailableException: Could not read secret " + arn
                    + " from Secrets Manager: ResourceNotFoundException (HTTP 400)");
            assertThat(e.isTransient()).isFalse();
        }
    }

    /** A token never used, created a year ago: stale. */
    private void neverUsed(String name) {
        SimulatedToken t = cluster.addToken(name, "eve", List.of("DiagnosticExport"), null);
        cluster.add(new SimulatedToken(t.id(), t.name(), null, t.userId(), t.scopes(), NOW.minus(Duration.ofDays(365)),
                null, null, false, false, t.secret()));
    }

    private List<LoggedRequest> publishes() {
        return aws.findAll(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=Publish")));
    }

    /** The run table's item of the run {@code run}; its key is a hash of the run and its parameters. */
    private static Map<String, AttributeValue> runRecord(String run) {
        try (DynamoDbClient client = MotoServer.dynamoDb(RunTableResource.endpoint)) {
            List<Map<String, AttributeValue>> items = client.scan(b -> b.tableName(RunTableResource.TABLE)).items()
                    .stream().filter(item -> run.equals(item.get("run").s())).toList();
            assertThat(items).as("run records of " + run).hasSize(1);
            assertThat(items.get(0).get("runKey").s()).matches("[0-9a-f]{64}");
            return items.get(0);
        }
    }

    private LoggedRequest single(String path) {
        List<LoggedRequest> requests = aws.findAll(postRequestedFor(urlEqualTo(path)));
        assertThat(requests).as("requests to " + path).hasSize(1);
        return requests.get(0);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }
}
