package com.clustertokens.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.clustertokens.testing.Exports;
import com.clustertokens.testing.FleetResource;
import com.clustertokens.testing.Lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The worst night at the documented scale: 500 clusters, each name 40 characters long, every one failing with a very
 * long error. What the Map state collects (the template's Failed state evaluated for each) and what fleet-summary
 * answers both stay under Step Functions' 256 KB payload limit, so the summary is still sent.
 */
@QuarkusTest
@TestProfile(Exports.FleetSummary.class)
// The fleet of FleetSummarySampleEventsTest, so both run in one application: fleet-summary reads only its input here.
@WithTestResource(value = FleetResource.class, initArgs = @ResourceArg(name = "clusters", value = "1"))
class FleetPayloadLimitTest {

    /** Step Functions' limit on a state's input, output and a task's result: 256 KiB of UTF-8 JSON. */
    private static final int PAYLOAD_LIMIT = 256 * 1024;
    private static final int CLUSTERS = 500;
    private static final String SCHEDULED = "2026-11-30T03:00:00Z";
    /** A message a cluster might send back, with quotes, a backslash and text outside ASCII, quoted at length. */
    private static final String SAID = "Cluster said: \"Zugriff verweigert für \\\\srv\\proxy\" – 5 € ";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SamTemplate template = SamTemplate.load();

    @Test
    void fiveHundredClustersFailingWithVeryLongErrorsStayUnderThePayloadLimitAndAreSummarised() throws Exception {
        List<String> names = IntStream.rangeClosed(1, CLUSTERS).mapToObj(i -> String.format("cluster-%03d-", i)
                + "x".repeat(28)).toList();
        Map<String, Object> failed = SamTemplate.map(FleetStateMachineTest.iterationStates(template).get("Failed"));
        ObjectNode mapped = JSON.createObjectNode();
        mapped.put("scheduledTime", SCHEDULED);
        mapped.set("clusters", JSON.valueToTree(names));
        mapped.put("maxConcurrency", 40);
        // Without remediation: a failed remediate step's bounded Error and Cause on every line as well come to about
        // 395 KB, over the limit (see docs/fleets.md).
        mapped.put("remediate", false);
        ArrayNode results = mapped.putArray("results");
        for (String name : names) {
            results.add(PassStates.output(failed, caught(name)));
        }

        assertThat(names).allSatisfy(name -> assertThat(name).hasSize(40));
        assertThat(size(mapped)).as("the Map state's output").isLessThan(PAYLOAD_LIMIT);
        ObjectNode payload = JSON.createObjectNode();
        payload.put("scheduledTime", SCHEDULED);
        payload.set("results", results);
        String response = Lambda.invokeOk(payload.toString()).extract().asString();

        assertThat(response.getBytes(StandardCharsets.UTF_8).length).as("fleet-summary's result")
                .isLessThan(PAYLOAD_LIMIT);
        JsonNode summary = JSON.readTree(response);
        assertThat(summary.path("failed").asInt()).isEqualTo(CLUSTERS);
        assertThat(summary.path("reported").asInt()).isZero();
        assertThat(summary.path("clusters")).hasSize(CLUSTERS).allSatisfy(line -> {
            assertThat(line.path("status").asText()).isEqualTo("failed");
            assertThat(line.path("error").asText()).as("the message, read from the cut Cause")
                    .startsWith("ConfigurationException: " + SAID).endsWith("…");
        });
        assertThat(summary.path("summary").asText()).contains("• " + names.get(499) + ": failed, "
                + "ConfigurationException: Cluster said: ").contains("500 clusters failed");
    }

    /** One iteration's state when its Report step failed for good; remediation did not run ({} as the Map sets it). */
    private static JsonNode caught(String cluster) throws Exception {
        ObjectNode state = JSON.createObjectNode();
        state.put("cluster", cluster);
        state.put("scheduledTime", SCHEDULED);
        state.put("remediate", false);
        state.set("remediation", JSON.createObjectNode().set("outcome", JSON.createObjectNode()));
        state.set("error", error());
        return state;
    }

    /** A Lambda function error as Step Functions catches it: a 256-character name, a Cause of about 40 KB. */
    private static JsonNode error() throws Exception {
        Map<String, Object> lambda = new LinkedHashMap<>();
        lambda.put("errorMessage", "ConfigurationException: " + SAID.repeat(700));
        lambda.put("errorType", "io.quarkus.funqy.runtime.ApplicationException");
        lambda.put("stackTrace", List.of("com.clustertokens.fleet.FleetService.reportCluster(FleetService.java:76)"));
        ObjectNode error = JSON.createObjectNode();
        error.put("Error", "Lambda." + "E".repeat(249));
        error.put("Cause", JSON.writeValueAsString(lambda));
        return error;
    }

    private static int size(JsonNode json) throws Exception {
        return JSON.writeValueAsBytes(json).length;
    }
}
