package com.clustertokens.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.logging.Level;

import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.cluster.ClusterClients;
import com.clustertokens.hygiene.HygieneService;
import com.clustertokens.lambda.InvocationInterceptor;
import com.clustertokens.lambda.LambdaHandler;
import com.clustertokens.testing.ProdJsonFormatter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.json.runtime.JsonFormatter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Lambda's log lines are JSON objects carrying function, cluster and request id, and still never a secret. */
class JsonLogLinesTest {

    private static final String SECRET = "dt0c01.JSONLOGLINEPUBLIC0000000." + "Q".repeat(64);

    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void clearFields() {
        MDC.clear();
    }

    @Test
    void writesJsonLinesOnLambdaAndPlainLinesInLocalRunsAndTests() throws IOException {
        assertThat(profile("prod").getValue("quarkus.log.console.json.enabled", Boolean.class)).isTrue();
        assertThat(profile("local").getValue("quarkus.log.console.json.enabled", Boolean.class)).isFalse();
        assertThat(profile("prod").getValue("quarkus.log.console.filter", String.class)).isEqualTo("secret-redactor");
    }

    @Test
    void masksASecretInTheMessageAndTheExceptionOfAJsonLine() throws IOException {
        MDC.put(InvocationInterceptor.FUNCTION, "create-token");
        MDC.put(ClusterClients.LOG_FIELD, "prod-eu");
        MDC.put(LambdaHandler.REQUEST_ID, "8f2b3c4d-0000-4000-8000-000000000001");
        ExtLogRecord record = new ExtLogRecord(Level.WARNING, "Created token %s for %s",
                ExtLogRecord.FormatStyle.PRINTF, JsonLogLinesTest.class.getName());
        record.setParameters(new Object[]{SECRET, "ci"});
        record.setThrown(new IllegalStateException("the cluster echoed " + SECRET));
        record.copyMdc();

        assertThat(new SecretRedactingLogFilter().isLoggable(record)).isTrue();
        String line = formatter().format(record);

        assertThat(line).doesNotContain(SECRET).doesNotContain("Q".repeat(64)).doesNotContain("\n{");
        JsonNode parsed = json.readTree(line);
        assertThat(parsed.path("message").asText()).contains("dt0c01.JSONLOGLINEPUBLIC0000000").contains("for ci");
        assertThat(parsed.path("mdc").path("function").asText()).isEqualTo("create-token");
        assertThat(parsed.path("mdc").path("cluster").asText()).isEqualTo("prod-eu");
        assertThat(parsed.path("mdc").path("requestId").asText()).isEqualTo("8f2b3c4d-0000-4000-8000-000000000001");
        assertThat(parsed.path("level").asText()).isEqualTo("WARNING");
        assertThat(parsed.has("hostName")).as("excluded keys stay out").isFalse();
    }

    @Test
    void showsAFieldHoldingACallersSecretAsThePageShowsIt() throws IOException {
        LogFields.put(HygieneService.RUN_ID, "event " + SECRET + " at 2026-11-01T00:00:00Z");
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "Token hygiene report", ExtLogRecord.FormatStyle.NO_FORMAT,
                JsonLogLinesTest.class.getName());
        record.copyMdc();

        assertThat(new SecretRedactingLogFilter().isLoggable(record)).isTrue();
        String line = formatter().format(record);

        assertThat(line).doesNotContain("Q".repeat(64));
        assertThat(json.readTree(line).path("mdc").path("runId").asText())
                .isEqualTo("event dt0c01.JSONLOGLINEPUBLIC0000000.<redacted> at 2026-11-01T00:00:00Z");
    }

    /** The console's JSON formatter as application.properties configures it. */
    private JsonFormatter formatter() {
        return ProdJsonFormatter.create();
    }

    private static SmallRyeConfig profile(String profile) throws IOException {
        return new SmallRyeConfigBuilder().withProfile(profile).withSources(new PropertiesConfigSource(
                JsonLogLinesTest.class.getResource("/application.properties"))).build();
    }
}
