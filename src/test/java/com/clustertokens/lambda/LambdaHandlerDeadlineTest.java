package com.clustertokens.lambda;

import static com.clustertokens.testing.Lambda.invokeFailing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.cluster.ClusterClients;
import com.clustertokens.simulator.RecordedRequest;
import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.testing.Exports;
import com.clustertokens.testing.InjectSimulatedCluster;
import com.clustertokens.testing.SimulatedClusterResource;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.funqy.lambda.FunqyLambdaBindingRecorder;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * On Lambda, the handler hands the Context's remaining time to the function as its deadline; an invocation that
 * reaches the function without a Context (a local run, the test event server) keeps to DT_INVOCATION_TIMEOUT. Work the
 * invocation hands to another thread is measured against the same deadline.
 */
@QuarkusTest
@TestProfile(LambdaHandlerDeadlineTest.Profile.class)
@WithTestResource(SimulatedClusterResource.class)
class LambdaHandlerDeadlineTest {

    /**
     * create-token, whose DT_INVOCATION_TIMEOUT leaves no time at all once the safety margin is kept; a create needs
     * 6 s (1 s to connect, 3 s to read, 2 s after).
     */
    public static class Profile extends Exports.Export {
        public Profile() {
            super("create-token", Map.of("dt.invocation-timeout", "1s", "dt.invocation-safety-margin", "1s",
                    "dt.connect-timeout", "1s", "dt.read-timeout", "3s", "create-token.aws-calls-time", "2s"));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CREATE = "{\"name\":\"ci-deploy\",\"scopes\":[\"settings.read\"]}";

    @InjectSimulatedCluster
    SimulatedCluster cluster;

    @Inject
    ClusterClients clients;

    @Inject
    InvocationBudget budget;

    @Inject
    InvocationDeadline deadline;

    @BeforeEach
    void noTokensNorRequestsYet() {
        cluster.reset();
    }

    @Test
    void createsWhenTheContextLeavesTimeThoughDtInvocationTimeoutLeavesNone() throws IOException {
        JsonNode response = JSON.readTree(handle(CREATE, new FakeContext("r-1", 60_000)));

        assertThat(response.path("name").asText()).isEqualTo("ci-deploy");
        assertThat(cluster.requests()).hasSize(1);
        RecordedRequest request = cluster.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/cluster/v2/tokens");
        assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree(CREATE));
    }

    @Test
    void sendsNothingWhenTheContextLeavesLessThanACreateNeeds() {
        assertThatThrownBy(() -> handle(CREATE, new FakeContext("r-2", 6_500)))
                .hasStackTraceContaining("Token 'ci-deploy' was not created: ")
                .hasStackTraceContaining(" ms were left of the 6500 ms Lambda gave the invocation, and a create needs "
                        + "up to 6000 ms");
        assertThat(cluster.requests()).as("nothing reached the cluster").isEmpty();
    }

    @Test
    void keepsToDtInvocationTimeoutWithoutAContextAsALocalRunDoes() {
        String message = invokeFailing(CREATE);

        assertThat(message).startsWith("ClusterUnavailableException: Token 'ci-deploy' was not created: 0 ms were "
                + "left of DT_INVOCATION_TIMEOUT 1000 ms");
        assertThat(cluster.requests()).as("nothing reached the cluster").isEmpty();
    }

    @Test
    void leavesNoContextBehindForTheNextInvocationOnTheThread() throws IOException {
        handle(CREATE, new FakeContext("r-3", 60_000));
        cluster.clearRequests();

        // Dispatched on the same thread without the handler, as Quarkus's own poll loop does.
        assertThatThrownBy(() -> FunqyLambdaBindingRecorder.handle(new ByteArrayInputStream(CREATE.getBytes(
                StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null))
                .hasStackTraceContaining("0 ms were left of DT_INVOCATION_TIMEOUT 1000 ms");
        assertThat(cluster.requests()).isEmpty();
    }

    @Test
    void keepsDtReadTimeoutForLaterInvocationsThoughTheClientWasBuiltInOneWithLittleTime() {
        clients.reset();
        assertThatThrownBy(() -> handle(CREATE, new FakeContext("r-4", 1_500)))
                .hasStackTraceContaining("was not created");

        // 5.5 s left hold a create only if the client the first invocation built waits less than DT_READ_TIMEOUT.
        assertThatThrownBy(() -> handle(CREATE, new FakeContext("r-5", 6_500)))
                .hasStackTraceContaining("a create needs up to 6000 ms");
        assertThat(cluster.requests()).as("nothing reached the cluster").isEmpty();
    }

    @Test
    @ActivateRequestContext
    void handsTheInvocationsOwnDeadlineToAnotherThreadAsAValueAndNoneToATaskThatReadsItThere() throws Exception {
        LambdaHandler.ARRIVED.set(new FakeContext("r-1", 60_000));
        try {
            deadline.start();
        } finally {
            LambdaHandler.ARRIVED.remove();
        }
        Deadline own = budget.deadline();

        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            assertThat(pool.submit(own::timeLeft).get()).isPresent();
            assertThat(own.at()).contains(deadline.deadline());
            assertThat(own.given()).isEqualTo("the 60000 ms Lambda gave the invocation");
            assertThat(pool.submit(() -> budget.deadline().at()).get()).as("read on another thread").isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    /** An invocation as Lambda's runtime client hands it to {@link LambdaHandler}, once Quarkus has started. */
    private static String handle(String event, Context context) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        LambdaHandler.handle(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), output, context);
        return output.toString(StandardCharsets.UTF_8);
    }
}
