package com.clustertokens.snapstart;

import static com.clustertokens.testing.Lambda.invokeOk;
import static com.clustertokens.testing.SecretsManagerStubs.secretReads;
import static com.clustertokens.testing.SecretsManagerStubs.secretValue;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.aws.AwsClients;
import com.clustertokens.aws.SecretValues;
import com.clustertokens.hygiene.delivery.AwsStandInResource;
import com.clustertokens.lambda.InvocationInterceptor;
import com.clustertokens.lambda.LambdaHandler;
import com.clustertokens.logging.LogFields;
import com.clustertokens.remediation.RunIds;
import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.testing.ConsoleCapture;
import com.clustertokens.testing.Exports;
import com.clustertokens.testing.InjectSimulatedCluster;
import com.clustertokens.testing.InjectWireMock;
import com.clustertokens.testing.SimulatedClusterResource;
import com.clustertokens.testing.TestTokens;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The CRaC hooks Lambda runs around a SnapStart snapshot, called as it calls them, in a function configured as
 * deployed: the API token in Secrets Manager (a WireMock stand-in of AWS, which also takes SNS and the webhook),
 * the simulated cluster as the configured cluster.
 */
@QuarkusTest
@TestProfile(SnapStartHooksTest.Profile.class)
@WithTestResource(SimulatedClusterResource.class)
@WithTestResource(AwsStandInResource.class)
class SnapStartHooksTest {

    static final String ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:cluster-api-token-AbCdEf";

    /** list-tokens in a SnapStart init, reading its API token from Secrets Manager, with every sink configured. */
    public static class Profile extends Exports.Export {
        public Profile() {
            super("list-tokens", Map.of("dt.api-token-secret-arn", ARN, "snapstart.initialization-type", "snap-start",
                    "create-token.idempotency-table", "configured-idempotency-table", "hygiene.run-table",
                    "configured-run-table", "snapstart.priming-rounds", "2"));
        }
    }

    @InjectSimulatedCluster
    SimulatedCluster cluster;

    @InjectWireMock
    WireMockServer aws;

    @Inject
    SnapStartHooks hooks;

    @Inject
    SecretValues secrets;

    @Inject
    AwsClients awsClients;

    @BeforeEach
    void reset() {
        aws.resetAll();
        secrets.clear();
        cluster.clearRequests();
        secretValue(aws, ARN, "cluster-api-token", TestTokens.API_TOKEN);
    }

    @Test
    void primingRunsEveryFunctionsPathAgainstItsStandInAndNothingReachesTheConfiguredClusterOrAws() {
        hooks.beforeCheckpoint(null);

        assertThat(cluster.requests()).as("requests to the configured cluster").isEmpty();
        assertThat(aws.getAllServeEvents()).as("requests to the configured AWS, SNS and webhook").isEmpty();
        Priming.Primed primed = hooks.lastPriming();
        assertThat(primed.failures()).isEmpty();
        assertThat(primed.served()).contains(
                "POST / secretsmanager.GetSecretValue",
                "GET /api/cluster/v2/tokens?limit=1000",
                "POST /api/cluster/v2/tokens",
                "POST /api/cluster/v2/tokens/lookup",
                "GET /api/cluster/v2/tokens/5e0f5c3c-0d0a-4d6e-9a55-000000000002",
                "POST / DynamoDB_20120810.PutItem",
                "POST / DynamoDB_20120810.UpdateItem",
                "POST / DynamoDB_20120810.GetItem",
                "POST / secretsmanager.CreateSecret",
                "POST /",
                "POST " + StandIn.WEBHOOK);
        assertThat(primed.served()).as("both rounds").filteredOn(line -> line.equals("POST /api/cluster/v2/tokens"))
                .hasSize(2 * (Priming.CREATE.size() + Priming.ROTATE.size() + 1));
    }

    @Test
    void primingRunsTheRotationFunctionsPathsAgainstTheStandInWithTheirScheduleAndLedgerThere() {
        hooks.beforeCheckpoint(null);

        assertThat(cluster.requests()).as("requests to the configured cluster").isEmpty();
        assertThat(aws.getAllServeEvents()).as("requests to the configured AWS and Scheduler").isEmpty();
        Priming.Primed primed = hooks.lastPriming();
        assertThat(primed.failures()).as("rotate-token, rotation-follow-up and rotate-secret ran through").isEmpty();
        assertThat(primed.served()).contains(
                "GET /api/cluster/v2/tokens/" + StandIn.DORMANT,
                "POST / DynamoDB_20120810.Query",
                "POST / secretsmanager.DescribeSecret",
                "POST / secretsmanager.PutSecretValue",
                "POST / secretsmanager.UpdateSecretVersionStage",
                "POST / secretsmanager.TagResource");
        // One hand-off schedule per rotate-token event, each round: the replacement was made and handed on.
        assertThat(primed.served()).as("rotate-token's follow-up schedules").filteredOn(line -> line.startsWith(
                "POST /schedules/rotation-")).hasSize(2 * Priming.ROTATE.size());
        // A create for each of create-token's and rotate-token's events and for createSecret, each round.
        assertThat(primed.served()).filteredOn(line -> line.equals("POST /api/cluster/v2/tokens"))
                .hasSize(2 * (Priming.CREATE.size() + Priming.ROTATE.size() + 1));
    }

    @Test
    void primingRunsTheHandlersAndFunqysDispatchAndLeavesNothingBehind() {
        hooks.beforeCheckpoint(null);

        Priming.Primed primed = hooks.lastPriming();
        assertThat(primed.failures()).as("every call through Funqy's invoker and binding").isEmpty();
        assertThat(primed.refused()).as("the handler's dispatch, once a round, refused by the exported function")
                .isEqualTo(2);
        assertThat(cluster.requests()).as("requests to the configured cluster").isEmpty();
        assertThat(aws.getAllServeEvents()).as("requests to the configured AWS").isEmpty();
        assertThat(LogFields.get(LambdaHandler.REQUEST_ID)).as("the priming's request id").isNull();
        assertThat(LogFields.get(InvocationInterceptor.FUNCTION)).as("the priming's function").isNull();

        // The first invocation after it is the application's own: its cluster, its API token, read afresh.
        invokeOk("{}");
        assertThat(cluster.requests()).hasSize(1).allSatisfy(request -> assertThat(
                TestTokens.isApiTokenHeader(request.header("authorization").orElse(null))).isTrue());
        assertThat(secretReads(aws)).hasSize(1);
    }

    @Test
    void primingLeavesOneLineInTheLogAndNothingThatLooksLikeWork() {
        ConsoleCapture console = ConsoleCapture.start();
        try {
            hooks.beforeCheckpoint(null);
        } finally {
            console.close();
        }

        assertThat(console.lines()).singleElement().satisfies(line -> assertThat(line.message())
                .startsWith("SnapStart priming: 2 rounds").endsWith("nothing reached the cluster or AWS"));
    }

    @Test
    void theApiTokenIsReadAfterTheRestoreNotBeforeAndNotFromTheCacheOfBeforeTheSnapshot() {
        invokeOk("{}");
        assertThat(secretReads(aws)).hasSize(1);

        hooks.beforeCheckpoint(null);
        assertThat(secretReads(aws)).as("nothing read while priming").hasSize(1);
        hooks.afterRestore(null);
        assertThat(secretReads(aws)).as("nothing read by the restore itself").hasSize(1);

        invokeOk("{}");
        assertThat(secretReads(aws)).as("the first invocation after the restore reads it afresh").hasSize(2);
        invokeOk("{}");
        assertThat(secretReads(aws)).as("then it is cached as usual").hasSize(2);
        assertThat(cluster.requests()).hasSize(3).allSatisfy(request -> assertThat(
                TestTokens.isApiTokenHeader(request.header("authorization").orElse(null))).isTrue());
    }

    @Test
    void aRestoreBuildsEveryAwsClientAfreshSoNoneUsesAConnectionOfTheSnapshot() {
        Map<String, Object> before = awsClients();

        hooks.afterRestore(null);

        Map<String, Object> after = awsClients();
        assertThat(after.keySet()).containsExactly("sns", "secretsManager", "dynamoDb", "ssm", "s3");
        after.forEach((client, built) -> assertThat(built).as(client + " after the restore")
                .isNotSameAs(before.get(client)));
    }

    @Test
    void aRestoreReseedsTheRemediationRunIdsSoEnvironmentsOfOneSnapshotNameTheirRunsApart() {
        AtomicInteger reseeded = new AtomicInteger();
        QuarkusMock.installMockForType(new RunIds() {
            @Override
            public void reseed() {
                reseeded.incrementAndGet();
            }
        }, RunIds.class);

        hooks.afterRestore(null);

        assertThat(reseeded).as("reseeds after the restore").hasValue(1);
    }

    private Map<String, Object> awsClients() {
        Map<String, Object> clients = new LinkedHashMap<>();
        clients.put("sns", awsClients.sns());
        clients.put("secretsManager", awsClients.secretsManager());
        clients.put("dynamoDb", awsClients.dynamoDb());
        clients.put("ssm", awsClients.ssm());
        clients.put("s3", awsClients.s3());
        return clients;
    }
}
