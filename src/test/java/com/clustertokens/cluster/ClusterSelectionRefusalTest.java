package com.clustertokens.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.testing.ConsoleCapture;
import com.clustertokens.testing.Exports;
import com.clustertokens.testing.FleetResource;
import com.clustertokens.testing.Functions;
import com.clustertokens.testing.InjectFleet;
import com.clustertokens.testing.Lambda;
import com.clustertokens.testing.PipelineAwsResource;
import com.clustertokens.testing.StatefulAwsResource;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * In a fleet of two, a request naming no cluster or an unknown one is refused by every function, and by create-token
 * through EventBridge and SQS too, before anything is sent: no cluster receives a request, no idempotency key is
 * claimed, no secret is created.
 */
@QuarkusTest
@TestProfile(Exports.CreateToken.class)
@WithTestResource(StatefulAwsResource.class)
@WithTestResource(value = FleetResource.class, initArgs = {@ResourceArg(name = "clusters", value = "2"),
        @ResourceArg(name = "broken", value = "false")})
class ClusterSelectionRefusalTest {

    private static final String UNKNOWN = "Invalid request: cluster: 'prod-eu' is not registered; known clusters: "
            + "c01, c02";
    private static final String MISSING = "Invalid request: cluster: is required, this deployment serves 2 clusters: "
            + "c01, c02";

    /** An EventBridge event whose detail names a cluster no registry entry has. */
    private static final String EVENT = "{\"version\":\"0\",\"id\":\"KEY\",\"detail-type\":\"create-token\","
            + "\"source\":\"ops.pipeline\",\"account\":\"123456789012\",\"time\":\"2026-11-22T06:00:00Z\","
            + "\"region\":\"eu-west-1\",\"resources\":[],\"detail\":{\"cluster\":\"prod-eu\",\"name\":\"x\","
            + "\"scopes\":[\"settings.read\"]}}";

    @InjectFleet
    FleetResource.Fleet fleet;

    @BeforeEach
    void forgetRequests() {
        fleet.clusters().values().forEach(SimulatedCluster::clearRequests);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "list-tokens|{\"cluster\":\"prod-eu\",\"limit\":10}|" + UNKNOWN,
            "list-tokens|{\"limit\":10}|" + MISSING,
            "list-tokens|{\"cluster\":null}|" + MISSING,
            "create-token|{\"cluster\":\"prod-eu\",\"name\":\"x\",\"scopes\":[\"settings.read\"],"
                    + "\"idempotencyKey\":\"KEY\",\"delivery\":\"secretsManager\"}|" + UNKNOWN,
            "create-token|{\"name\":\"x\",\"scopes\":[\"settings.read\"],\"idempotencyKey\":\"KEY\","
                    + "\"delivery\":\"secretsManager\"}|" + MISSING,
            "stale-tokens|{\"cluster\":\"prod-eu\"}|" + UNKNOWN,
            "stale-tokens|{}|" + MISSING,
            "stale-tokens|{\"scheduledTime\":\"2026-11-22T06:00:00Z\"}|" + MISSING,
            "remediate-tokens|{\"cluster\":\"prod-eu\",\"apply\":true}|" + UNKNOWN,
            "remediate-tokens|{\"apply\":true}|" + MISSING,
            "restore-token|{\"cluster\":\"prod-eu\",\"token\":\"t-1\"}|" + UNKNOWN,
            "restore-token|{\"token\":\"t-1\"}|" + MISSING,
            "fleet-report|{\"cluster\":\"prod-eu\",\"scheduledTime\":\"2026-11-22T06:00:00Z\"}|" + UNKNOWN,
            "create-token|" + EVENT + "|" + UNKNOWN})
    void refusesAnUnknownOrMissingClusterNamingTheKnownOnesBeforeAnyRequest(String function, String event,
            String expected) {
        String key = "refused-" + UUID.randomUUID();

        Functions.Result result = Functions.invoke(function, event.replace("KEY", key));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.errorMessage()).isEqualTo("InvalidInputException: " + expected);
        assertNothingSent(key);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"cluster\":\"prod-eu\",\"name\":\"x\",\"scopes\":[\"settings.read\"],\"idempotencyKey\":\"KEY\"}|"
                    + UNKNOWN,
            "{\"name\":\"x\",\"scopes\":[\"settings.read\"],\"idempotencyKey\":\"KEY\"}|" + MISSING})
    void refusesCreateTokensClusterThroughTheLambdaEventPathWithTheSameMessage(String event, String expected) {
        String key = "refused-" + UUID.randomUUID();

        String errorMessage = Lambda.invokeFailing(event.replace("KEY", key));

        assertThat(errorMessage).isEqualTo("InvalidInputException: " + expected);
        assertNothingSent(key);
    }

    @Test
    void refusesAnSqsMessageNamingAnUnknownClusterAsAFailedItemOfItsBatchBeforeAnyRequest() {
        // Short enough for the log line to show it whole (a caller's value is cut at 40 characters).
        String key = "sqs-" + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\\\"cluster\\\":\\\"prod-eu\\\",\\\"name\\\":\\\"x\\\",\\\"scopes\\\":[\\\"settings.read\\\"]}";
        String batch = "{\"Records\":[{\"messageId\":\"" + key + "\",\"eventSource\":\"aws:sqs\",\"eventSourceARN\":"
                + "\"arn:aws:sqs:eu-west-1:123456789012:create-token\",\"body\":\"" + body + "\"}]}";

        ConsoleCapture console = ConsoleCapture.start();
        Functions.Result result;
        try {
            result = Functions.invoke("create-token", batch);
        } finally {
            console.close();
        }

        assertThat(result.succeeded()).as(result.toString()).isTrue();
        assertThat(result.json()).isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"" + key + "\"}]}");
        assertThat(console.text()).contains("SQS message " + key + " failed, reported in batchItemFailures (retries "
                + "end in the dead-letter queue): InvalidInputException: " + UNKNOWN);
        assertNothingSent(key);
    }

    private void assertNothingSent(String key) {
        for (Map.Entry<String, SimulatedCluster> each : fleet.clusters().entrySet()) {
            assertThat(each.getValue().requests()).as("requests received by %s", each.getKey()).isEmpty();
        }
        try (DynamoDbClient db = PipelineAwsResource.client(ConfigProvider.getConfig()
                .getValue("aws.dynamodb.endpoint-url", String.class))) {
            for (String claimed : new String[]{key, "c01/" + key, "c02/" + key, "prod-eu/" + key}) {
                assertThat(db.getItem(b -> b.tableName(PipelineAwsResource.TABLE).key(Map.of("idempotencyKey",
                        AttributeValue.fromS(claimed))).consistentRead(true)).hasItem())
                        .as("idempotency key %s claimed", claimed).isFalse();
            }
        }
        assertThat(StatefulAwsResource.secretsManager().listSecrets().secretList())
                .as("secrets of request %s", key)
                .noneMatch(s -> s.tags().stream().anyMatch(t -> t.value().equals(key)));
    }
}
