package com.clustertokens.token;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.testing.ControlledClock;
import com.clustertokens.testing.Exports;
import com.clustertokens.testing.Functions;
import com.clustertokens.testing.InjectWireMock;
import com.clustertokens.testing.WireMockClusterResource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A create is sent once, whatever the cluster answers; invoked through {@link Functions}, beside list-tokens' tests. */
@QuarkusTest
@TestProfile(Exports.ListTokensWithDeadline.class)
@WithTestResource(WireMockClusterResource.class)
class CreateTokenFailuresTest {

    private static final String TOKENS = "/api/cluster/v2/tokens";
    private static final String REQUEST = "{\"name\":\"ci\",\"scopes\":[\"DiagnosticExport\"]}";

    @InjectWireMock
    WireMockServer cluster;

    private ControlledClock clock;

    @BeforeEach
    void reset() {
        cluster.resetAll();
        clock = ControlledClock.installed();
    }

    @Test
    void sendsACreateThatMeetsA503ExactlyOnce() {
        cluster.stubFor(post(urlPathEqualTo(TOKENS)).willReturn(aResponse().withStatus(503)));

        String message = invokeFailing(REQUEST);

        assertThat(message).contains("CreateOutcomeUnknownException", cluster.baseUrl(), "503",
                "may have created token 'ci'", "finds out before creating");
        assertThat(requestCount()).isEqualTo(1);
    }

    @Test
    void sendsACreateThatMeets429ExactlyOnce() {
        cluster.stubFor(post(urlPathEqualTo(TOKENS)).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "1")));

        assertThat(invokeFailing(REQUEST)).contains("RateLimitedException", "retry after 1 s");
        assertThat(requestCount()).isEqualTo(1);
    }

    @Test
    void sendsACreateWhoseConnectionIsResetExactlyOnce() {
        cluster.stubFor(post(urlPathEqualTo(TOKENS)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThat(invokeFailing(REQUEST)).contains("CreateOutcomeUnknownException", cluster.baseUrl(),
                "may have created token");
        assertThat(requestCount()).isEqualTo(1);
    }

    @Test
    void reportsDynatraceValidationMessageWithItsViolations() {
        cluster.stubFor(post(urlPathEqualTo(TOKENS)).willReturn(aResponse().withStatus(400).withBody(
                """
                        {"error":{"code":400,"message":"Constraints violated.","constraintViolations":[
                          {"path":"name","message":"Token name already used by a personal token","parameterLocation":"PAYLOAD_BODY","location":null}]}}""")));

        assertThat(invokeFailing(REQUEST)).contains("ClusterRejectedRequestException", cluster.baseUrl(),
                "Constraints violated.", "name: Token name already used by a personal token");
    }

    @Test
    void reportsASuccessWithoutATokenAsAFailureNotAsSuccess() {
        cluster.stubFor(post(urlPathEqualTo(TOKENS)).willReturn(aResponse().withStatus(201).withBody("{}")));

        assertThat(invokeFailing(REQUEST)).contains("CreateOutcomeUnknownException", "holds no token");
    }

    @Test
    void reportsAnEmptyBodyAsAFailure() {
        cluster.stubFor(post(urlPathEqualTo(TOKENS)).willReturn(aResponse().withStatus(201)));

        assertThat(invokeFailing(REQUEST)).contains("CreateOutcomeUnknownException", cluster.baseUrl());
        assertThat(requestCount()).isEqualTo(1);
    }

    /** create-token invoked with {@code event}, expected to fail: its error message, and nothing waited for. */
    private String invokeFailing(String event) {
        Functions.Result result = Functions.invoke("create-token", event);
        assertThat(result.succeeded()).as("the create reported as success").isFalse();
        assertThat(clock.pauses()).as("a create is never sent again, so nothing is waited for").isEmpty();
        return result.errorMessage();
    }

    private int requestCount() {
        return cluster.findAll(postRequestedFor(urlPathEqualTo(TOKENS))).size();
    }
}
