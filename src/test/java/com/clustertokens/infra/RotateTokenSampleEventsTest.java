package com.clustertokens.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.clustertokens.rotation.RotationAwsResource;
import com.clustertokens.rotation.RotationProfile;
import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.simulator.SimulatedToken;
import com.clustertokens.testing.Functions;
import com.clustertokens.testing.InjectSimulatedCluster;
import com.clustertokens.testing.SimulatedClusterResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The rotate-token sample in infra/events rotates the token of its id; the rotation-follow-up one then finds it not due. */
@QuarkusTest
@TestProfile(RotationProfile.class)
@WithTestResource(SimulatedClusterResource.class)
@WithTestResource(RotationAwsResource.class)
class RotateTokenSampleEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectSimulatedCluster
    SimulatedCluster cluster;

    @Test
    void theDirectSampleRotatesTheTokenOfItsIdAndTheFollowUpSampleRevokesNothingBeforeTheGraceEnds()
            throws Exception {
        cluster.reset();
        RotationAwsResource.clear();
        String sample = SampleEvents.read(SampleEvents.DIR.resolve("rotate-token.direct.json"));
        String id = JSON.readTree(sample).get("token").asText();
        givenTheSampleToken(id);

        Functions.Result result = Functions.invoke("rotate-token", sample);

        assertThat(result.succeeded()).as(result.toString()).isTrue();
        JsonNode rotated = JSON.readTree(result.json());
        assertThat(rotated.get("summary").asText()).startsWith("Rotated token ci-deploy (" + id + ")");
        assertThat(cluster.liveTokensNamed("ci-deploy")).hasSize(2);

        Functions.Result followUp = Functions.invoke("rotation-follow-up", SampleEvents.read(SampleEvents.DIR
                .resolve("rotation-follow-up.direct.json")));
        assertThat(followUp.succeeded()).as(followUp.toString()).isTrue();
        assertThat(JSON.readTree(followUp.json()).get("actions")).isEmpty();
        assertThat(cluster.token(id).orElseThrow().revoked()).isFalse();
    }

    @Test
    void theEventBridgeSampleRotatesTheTokenInItsDetailAndStoresTheReplacement() throws Exception {
        cluster.reset();
        RotationAwsResource.clear();
        String sample = SampleEvents.read(SampleEvents.DIR.resolve("rotate-token.eventbridge.json"));
        String id = JSON.readTree(sample).at("/detail/token").asText();
        givenTheSampleToken(id);

        Functions.Result result = Functions.invoke("rotate-token", sample);

        assertThat(result.succeeded()).as(result.toString()).isTrue();
        JsonNode rotated = JSON.readTree(result.json());
        assertThat(rotated.get("oldId").asText()).isEqualTo(id);
        assertThat(rotated.get("delivery").asText()).isEqualTo("secretsManager");
        assertThat(rotated.has("token")).isFalse();
        assertThat(cluster.liveTokensNamed("ci-deploy")).hasSize(2);
    }

    /** A live token ci-deploy under the sample's id (the simulator makes its own ids; the one it made is set aside). */
    private void givenTheSampleToken(String id) {
        SimulatedToken made = cluster.addToken("ci-deploy", "alice", List.of("settings.read"), null);
        cluster.add(new SimulatedToken(id, made.name(), null, made.userId(), made.scopes(), made.created(), null,
                made.lastUse(), false, false, made.secret()));
        cluster.token(made.id()).ifPresent(t -> cluster.add(t.withRevoked(true).withName("other")));
    }
}
