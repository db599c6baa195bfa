package com.clustertokens.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.testing.Exports;
import com.clustertokens.testing.FleetResource;
import com.clustertokens.testing.Functions;
import com.clustertokens.testing.InjectFleet;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * stale-tokens binds its input once, and takes the cluster from what it bound: in a fleet of two, an input that is no
 * request is refused as the request it fails to be, never as one that names no cluster, and nothing is sent.
 */
@QuarkusTest
@TestProfile(Exports.StaleTokens.class)
@WithTestResource(value = FleetResource.class, initArgs = {@ResourceArg(name = "clusters", value = "2"),
        @ResourceArg(name = "broken", value = "false")})
class StaleTokensInputOnceTest {

    private static final String EVENT = "{\"version\":\"0\",\"id\":\"e-1\",\"detail-type\":\"Scheduled Event\","
            + "\"source\":\"aws.events\",\"account\":\"123456789012\",\"time\":\"2026-11-22T06:00:00Z\","
            + "\"region\":\"eu-west-1\",\"resources\":[],\"detail\":DETAIL}";

    @InjectFleet
    FleetResource.Fleet fleet;

    @BeforeEach
    void forgetRequests() {
        fleet.clusters().values().forEach(SimulatedCluster::clearRequests);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "[{\"cluster\":\"c01\"}]|request: expected a JSON object, got a list",
            "{\"cluster\":7}|cluster: '7' is not a string",
            "EVENT \"c01\"|detail: expected a JSON object, got a string",
            "EVENT [\"c01\"]|detail: expected a JSON object, got a list"})
    void refusesAnInputThatIsNoRequestAsSuchAndNotAsOneNamingNoCluster(String input, String problem) {
        String event = input.startsWith("EVENT ") ? EVENT.replace("DETAIL", input.substring("EVENT ".length())) : input;

        Functions.Result result = Functions.invoke("stale-tokens", event);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.errorMessage()).isEqualTo("InvalidInputException: Invalid request: " + problem);
        for (Map.Entry<String, SimulatedCluster> each : fleet.clusters().entrySet()) {
            assertThat(each.getValue().requests()).as("requests received by %s", each.getKey()).isEmpty();
        }
    }
}
