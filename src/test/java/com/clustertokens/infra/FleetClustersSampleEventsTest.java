package com.clustertokens.infra;

import static com.clustertokens.testing.Lambda.invokeOk;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.clustertokens.testing.Exports;
import com.clustertokens.testing.FleetResource;
import com.clustertokens.testing.InjectFleet;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The fleet-clusters sample as the state machine passes the schedule's input: the registry's names, in order. */
@QuarkusTest
@TestProfile(Exports.FleetClusters.class)
@WithTestResource(value = FleetResource.class, initArgs = @ResourceArg(name = "clusters", value = "2"))
class FleetClustersSampleEventsTest {

    @InjectFleet
    FleetResource.Fleet fleet;

    @Test
    void answersTheRegisteredClustersAndTheScheduledTimeWithoutCallingAnyCluster() throws Exception {
        var response = invokeOk(FleetSampleEvents.direct("fleet-clusters").toString()).extract();

        assertThat(response.<List<String>>path("clusters")).containsExactly("c01", "c02", FleetResource.BROKEN);
        assertThat(response.<String>path("scheduledTime")).isEqualTo("2026-11-30T03:00:00Z");
        assertThat(response.<Integer>path("maxConcurrency")).isEqualTo(4);
        assertThat(response.<Boolean>path("remediate")).isFalse();
        fleet.clusters().values().forEach(cluster -> assertThat(cluster.requests()).isEmpty());
    }
}
