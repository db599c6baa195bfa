package com.clustertokens.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.logging.SecretRedactingLogFilter;
import com.clustertokens.testing.Exports;
import com.clustertokens.testing.Functions;
import com.clustertokens.testing.InjectWireMock;
import com.clustertokens.testing.TestTokens;
import com.clustertokens.testing.WireMockClusterResource;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.arc.Arc;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * With every log on (DEBUG, REST client request and response bodies), create, list and lookup leave no API token
 * and no created secret, of either format, in what a handler carrying the console's filter writes.
 */
@QuarkusTest
@TestProfile(SecretsUnderDebugLoggingTest.Profile.class)
@WithTestResource(WireMockClusterResource.class)
class SecretsUnderDebugLoggingTest {

    /** Everything logged, bodies included. */
    public static class Profile extends Exports.Export {
        public Profile() {
            super("create-token", Map.of("quarkus.log.level", "DEBUG",
                    "quarkus.log.min-level", "DEBUG",
                    "quarkus.rest-client.logging.scope", "request-response",
                    "quarkus.rest-client.logging.body-limit", "100000",
                    "quarkus.log.category.\"org.jboss.resteasy.reactive.client.logging\".level", "DEBUG"));
        }
    }

    private static final String NEW_FORMAT_SECRET = "dt0c01.DEBUGLOGGINGPUBLIC000000." + "Z".repeat(64);

    @InjectWireMock
    WireMockServer cluster;

    private final StringBuilder captured = new StringBuilder();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (isLoggable(record)) {
                String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
                synchronized (captured) {
                    captured.append(message).append('\n');
                    if (record.getThrown() != null) {
                        captured.append(record.getThrown()).append('\n');
                    }
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureEveryLogRecord() {
        cluster.resetAll();
        // The filter the console handler carries (quarkus.log.console.filter=secret-redactor).
        capture.setFilter(new SecretRedactingLogFilter());
        rootLogger().addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        rootLogger().removeHandler(capture);
    }

    @Test
    void logsNoSecretOfCreateListOrLookupAtDebugWithBodiesLogged() {
        cluster.stubFor(post(urlPathEqualTo("/api/cluster/v2/tokens")).inScenario("create")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"token\":\"" + TestTokens.LEGACY_SECRET + "\"}")).willSetStateTo("second"));
        cluster.stubFor(post(urlPathEqualTo("/api/cluster/v2/tokens")).inScenario("create").whenScenarioStateIs(
                "second")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"token\":\"" + NEW_FORMAT_SECRET + "\"}")));
        cluster.stubFor(get(urlPathEqualTo("/api/cluster/v2/tokens")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"values\":[{\"id\":\"d1\",\"name\":\"debug-logging\"}]}")));
        cluster.stubFor(post(urlPathEqualTo("/api/cluster/v2/tokens/lookup")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":404,\"message\":\"Token not found\"}}")));

        String event = "{\"name\":\"debug-logging\",\"scopes\":[\"DiagnosticExport\"]}";
        Functions.Result legacy = Functions.invoke("create-token", event);
        Functions.Result newFormat = Functions.invoke("create-token", event);
        Functions.Result list = Functions.invoke("list-tokens", "{}");
        Functions.Result lookup = Functions.call(() -> client().lookup("anotherLegacy" + "Secret0815zz"));

        assertThat(legacy.succeeded() && newFormat.succeeded() && list.succeeded()).isTrue();
        assertThat(lookup.errorMessage()).contains("TokenNotFoundException");
        String logs;
        synchronized (captured) {
            logs = captured.toString();
        }
        assertThat(logs).as("the REST client logged the bodies, so the check below means something")
                .contains("debug-logging", "Token not found", "DEBUGLOGGINGPUBLIC");
        assertThat(logs.contains(TestTokens.API_TOKEN)).as("API token in the logs").isFalse();
        assertThat(logs.contains(TestTokens.LEGACY_SECRET)).as("legacy-format secret in the logs").isFalse();
        assertThat(logs.contains(NEW_FORMAT_SECRET)).as("new-format secret in the logs").isFalse();
        assertThat(logs.contains("anotherLegacySecret0815zz")).as("looked-up secret in the logs").isFalse();
        assertThat(lookup.errorMessage().contains("anotherLegacySecret0815zz")).as("secret in the error").isFalse();
    }

    private static com.clustertokens.cluster.ClusterTokenClient client() {
        return Arc.container().instance(com.clustertokens.cluster.ClusterClients.class).get().select(null);
    }

    private static Logger rootLogger() {
        return LogContext.getLogContext().getLogger("");
    }
}
