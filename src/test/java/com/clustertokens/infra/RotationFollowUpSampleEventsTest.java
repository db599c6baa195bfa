package com.clustertokens.infra;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.clustertokens.rotation.RotationAwsResource;
import com.clustertokens.rotation.RotationProfile;
import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.testing.Functions;
import com.clustertokens.testing.InjectSimulatedCluster;
import com.clustertokens.testing.SimulatedClusterResource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The rotation-follow-up sample in infra/events: with no rotation in the ledger it sends nothing (after a rotation:
 * RotateTokenSampleEventsTest).
 */
@QuarkusTest
@TestProfile(RotationProfile.class)
@WithTestResource(SimulatedClusterResource.class)
@WithTestResource(RotationAwsResource.class)
class RotationFollowUpSampleEventsTest {

    @InjectSimulatedCluster
    SimulatedCluster cluster;

    @Test
    void theDirectSampleFollowsUpNothingWhenNoRotationIsDue() throws Exception {
        cluster.reset();
        RotationAwsResource.clear();

        Functions.Result result = Functions.invoke("rotation-follow-up", SampleEvents.read(SampleEvents.DIR.resolve(
                "rotation-follow-up.direct.json")));

        assertThat(result.succeeded()).as(result.toString()).isTrue();
        assertThat(new ObjectMapper().readTree(result.json()).get("actions")).isEmpty();
        assertThat(cluster.requests()).noneMatch(r -> r.method().equals("PUT") || r.method().equals("DELETE"));
    }
}
