package com.clustertokens.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.clustertokens.testing.Exports;
import com.clustertokens.testing.Functions;
import com.clustertokens.testing.InjectWireMock;
import com.clustertokens.testing.WireMockClusterResource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Adversarial events through the Lambda path (Funqy's own event reader included): each is refused with a clear
 * error naming the field, before any request leaves, or sent to the cluster exactly as given. The wide random
 * search runs without Quarkus in {@code token.HostileInputPropertiesTest}.
 */
@QuarkusTest
@TestProfile(Exports.ListTokensWithDeadline.class)
@WithTestResource(WireMockClusterResource.class)
class HostileInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectWireMock
    WireMockServer cluster;

    @BeforeEach
    void reset() {
        cluster.resetAll();
        cluster.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));
    }

    static Stream<Arguments> refusedEvents() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        return Stream.of(
                refused("create-token", "[1,2]", "request: expected a JSON object"),
                refused("create-token", "\"create\"", "request: expected a JSON object"),
                refused("create-token", "{\"name\":7,\"scopes\":[\"DiagnosticExport\"]}", "name:"),
                refused("create-token", "{\"name\":{\"a\":1},\"scopes\":[\"DiagnosticExport\"]}", "name:"),
                refused("create-token", "{\"name\":null,\"scopes\":[\"DiagnosticExport\"]}", "name: is required"),
                refused("create-token", "{\"name\":\"a\",\"scopes\":\"DiagnosticExport\"}", "scopes:"),
                refused("create-token", "{\"name\":\"a\",\"scopes\":[null]}", "scopes[0]:"),
                refused("create-token", "{\"name\":\"a\",\"scopes\":[\"Diagnostic\\u0000Export\"]}", "scopes[0]:"),
                refused("create-token", "{\"name\":\"a\",\"scopes\":[\"DiagnosticExport\"],\"admin\":true}",
                        "admin: unknown field"),
                refused("create-token",
                        "{\"name\":\"a\",\"scopes\":[\"DiagnosticExport\"],\"expiresIn\":{\"value\":1e400}}",
                        "expiresIn.value:"),
                refused("create-token",
                        "{\"name\":\"a\",\"scopes\":[\"DiagnosticExport\"],\"expiresIn\":{\"value\":99999999999999999999999}}",
                        "expiresIn.value:"),
                refused("create-token",
                        "{\"name\":\"a\",\"scopes\":[\"DiagnosticExport\"],\"expiresIn\":{\"value\":-1}}",
                        "expiresIn.value:"),
                refused("create-token",
                        "{\"name\":\"a\",\"scopes\":[\"DiagnosticExport\"],\"expiresIn\":{\"value\":5,\"unit\":\"WEEKS\"}}",
                        "expiresIn.unit:"),
                refused("create-token", deep, "request:"),
                refused("create-token", "{\"name\":" + deep + "}", "request:"),
                refused("list-tokens", deep, "request:"),
                refused("list-tokens", "{\"limit\":2147483648}", "limit:"),
                refused("list-tokens", "{\"limit\":1.5}", "limit:"),
                refused("list-tokens", "{\"limit\":\"10\"}", "limit:"),
                refused("list-tokens", "{\"limit\":0}", "limit:"),
                refused("list-tokens", "{\"user\":\"\"}", "user:"),
                refused("list-tokens", "{\"user\":[\"bob\"]}", "user:"),
                refused("list-tokens", "{\"permissions\":[\"settings.READ\"]}", "permissions[0]:"),
                refused("list-tokens", "{\"from\":\"yesterday\"}", "from:"),
                refused("list-tokens", "{\"from\":-5}", "from:"),
                refused("list-tokens", "{\"from\":1e300}", "from:"),
                refused("list-tokens", "{\"to\":\"2026-08-01T00:00:00Z\",\"from\":\"2026-09-01T00:00:00Z\"}", "from:"),
                refused("list-tokens", "{\"values\":[]}", "values: unknown field"));
    }

    @ParameterizedTest(name = "{0} refuses {2}")
    @MethodSource("refusedEvents")
    void refusesHostileInputNamingTheFieldBeforeCallingTheCluster(String function, String event, String field) {
        Functions.Result result = Functions.invoke(function, event);

        assertThat(result.succeeded()).isFalse();
        String message = result.errorMessage();
        assertThat(message).startsWith("InvalidInputException: Invalid request: ").contains(field)
                .hasSizeLessThan(2_000).doesNotContain("\u0000");
        assertThat(message.substring("InvalidInputException".length()))
                .doesNotContain("Exception", "com.fasterxml", "java.", "jackson", "StreamConstraints", "NullPointer");
        assertThat(cluster.getAllServeEvents()).as("requests sent to the cluster").isEmpty();
    }

    @Test
    void sendsALongNameWithEmojiRightToLeftTextAndEscapesIntact() throws Exception {
        cluster.resetAll();
        cluster.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(400).withHeader("Content-Type",
                "application/json").withBody("{\"error\":{\"code\":400,\"message\":\"Name too long\"}}")));
        String name = "🔑 مفتاح \"quoted\" \\ tab\t " + "x".repeat(100_000); // a megabyte name: HostileInputPropertiesTest (WireMock takes longer than this profile's read timeout to journal one)
        String event = JSON.writeValueAsString(java.util.Map.of("name", name, "scopes", java.util.List.of(
                "DiagnosticExport")));

        Functions.Result result = Functions.invoke("create-token", event);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.errorMessage()).startsWith("ClusterRejectedRequestException: ").contains("Name too long")
                .hasSizeLessThan(2_000);
        var sent = cluster.findAll(postRequestedFor(urlPathEqualTo(ClusterOperations.TOKENS)));
        assertThat(sent).hasSize(1);
        assertThat(JSON.readTree(sent.get(0).getBodyAsString()).get("name").textValue().equals(name))
                .as("the name reached the cluster unchanged").isTrue();
    }

    private static Arguments refused(String function, String event, String field) {
        return Arguments.of(function, event, field);
    }
}
