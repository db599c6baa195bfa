package com.clustertokens.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.hygiene.delivery.AwsStandInResource;
import com.clustertokens.remediation.LedgerTableResource;
import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.simulator.SimulatedToken;
import com.clustertokens.testing.ConsoleCapture;
import com.clustertokens.testing.Exports;
import com.clustertokens.testing.FleetResource;
import com.clustertokens.testing.Functions;
import com.clustertokens.testing.InjectFleet;
import com.clustertokens.testing.InjectWireMock;
import com.clustertokens.testing.LeakedSecrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A stale token whose name is a whole pasted secret ({@code dt0c01.<24>.<64>}), owned by a user named like a bare
 * secret part: every output shows it as the page does, its identifier and {@code <redacted>}. The chat text (SNS
 * and the webhook), the JSON answers of stale-tokens, remediate-tokens, restore-token and fleet-summary, the report
 * JSON, page and CSV in the report folders, and the log.
 */
@QuarkusTest
@TestProfile(PastedTokenNameTest.Profile.class)
@WithTestResource(value = FleetResource.class, initArgs = {@ResourceArg(name = "clusters", value = "1"),
        @ResourceArg(name = "broken", value = "false")})
@WithTestResource(LedgerTableResource.class)
@WithTestResource(AwsStandInResource.class)
class PastedTokenNameTest {

    static final Path PAGES = Path.of("target", "pasted-token-name-pages");

    /** stale-tokens writing its page to {@link #PAGES}; remediation may act. */
    public static class Profile extends Exports.Export {
        public Profile() {
            super("stale-tokens", Map.of("hygiene.page-directory", PAGES.toString(), "remediation.mode", "apply",
                    "remediation.scope-names", "*"));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PUBLISH_OK = "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
            + "<PublishResult><MessageId>567910cd-659e-55d4-8ccb-5aaf14679dc0</MessageId></PublishResult>"
            + "<ResponseMetadata><RequestId>d74b8436-ae13-5ab4-a9ff-ce54dfea72a0</RequestId></ResponseMetadata>"
            + "</PublishResponse>";
    /** How the page shows the name: the identifier, the secret part redacted. */
    private static final String SHOWN = LeakedSecrets.IDENTIFIER + ".<redacted>";

    @InjectFleet
    FleetResource.Fleet fleet;

    @InjectWireMock
    WireMockServer aws;

    private SimulatedToken pasted;
    private ConsoleCapture console;

    @BeforeEach
    void seed() throws IOException {
        SimulatedCluster cluster = fleet.clusters().get("c01");
        cluster.reset();
        cluster.seedSamples(Instant.now());
        pasted = cluster.addToken(LeakedSecrets.NEW_FORMAT, LeakedSecrets.BARE, List.of("DiagnosticExport"),
                Instant.now().minus(Duration.ofDays(400)));
        LedgerTableResource.clear();
        aws.resetAll();
        aws.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=Publish"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(PUBLISH_OK)));
        aws.stubFor(post(urlEqualTo(AwsStandInResource.WEBHOOK_PATH)).willReturn(aResponse().withStatus(200)
                .withBody("ok")));
        deleteAll(PAGES);
        deleteAll(fleet.reportFolder());
        console = ConsoleCapture.start();
    }

    @AfterEach
    void stop() {
        console.close();
    }

    @Test
    void staleTokensShowsTheNameMaskedInItsAnswerChatTextPageCsvAndJson() throws IOException {
        String answer = ok(Functions.invoke("stale-tokens", "{\"cluster\":\"c01\"}"));

        assertMasked("the JSON answer", answer);
        JsonNode report = JSON.readTree(answer);
        assertThat(report.path("stale").findValuesAsText("name")).contains(SHOWN);
        assertThat(report.path("stale").findValuesAsText("owner")).contains("<redacted>");
        assertThat(report.path("stale").findValuesAsText("id")).as("ids stay exact").contains(pasted.id());
        assertMasked("the summary", report.path("summary").asText());
        assertMasked("the remediation section", report.path("sections").path("remediation").toString());
        assertChatMasked();
        assertFilesMasked(PAGES, 3);
        assertLogMasked();
    }

    @Test
    void theFleetsStepsWriteTheReportMaskedAndSendTheSummaryMasked() throws IOException {
        String scheduled = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String outcome = ok(Functions.invoke("fleet-report", "{\"cluster\":\"c01\",\"scheduledTime\":\"" + scheduled
                + "\"}"));
        String summary = ok(Functions.invoke("fleet-summary", "{\"scheduledTime\":\"" + scheduled
                + "\",\"results\":[" + outcome + "]}"));

        assertMasked("fleet-summary's answer", summary);
        assertThat(JSON.readTree(summary).path("summary").asText()).contains(SHOWN);
        assertChatMasked();
        // Per run: the cluster's JSON, page and CSV, the index JSON and page; the latest JSON beside the runs.
        assertFilesMasked(fleet.reportFolder(), 6);
        assertLogMasked();
    }

    @Test
    void remediateTokensAndRestoreTokenShowTheNameMaskedInTheirAnswersAndSummaries() {
        String remediation = ok(Functions.invoke("remediate-tokens", "{\"cluster\":\"c01\",\"apply\":true}"));
        String restore = ok(Functions.invoke("restore-token", "{\"cluster\":\"c01\",\"token\":\"" + pasted.id()
                + "\",\"format\":\"text\"}"));

        assertMasked("remediate-tokens' answer", remediation);
        assertThat(remediation).contains("\"name\":\"" + SHOWN + "\"").contains("\"outcome\":\"done\"");
        assertThat(fleet.clusters().get("c01").token(pasted.id()).orElseThrow().revoked())
                .as("restored after the revoke").isFalse();
        assertMasked("restore-token's answer", restore);
        assertThat(restore).contains("\"name\":\"" + SHOWN + "\"").contains("\"outcome\":\"restored\"")
                .contains("Restored token " + SHOWN + " (" + pasted.id() + "), owner <redacted>");
        assertLogMasked();
    }

    /** Shows the token, masked, and no piece of its secret part nor of its owner's name. */
    private static void assertMasked(String what, String text) {
        assertThat(LeakedSecrets.leakIn(text)).as("a secret in " + what).isNull();
        assertThat(text).as(what + " names the token").contains(SHOWN);
    }

    private void assertChatMasked() {
        List<LoggedRequest> published = aws.findAll(postRequestedFor(urlEqualTo("/")));
        List<LoggedRequest> posted = aws.findAll(postRequestedFor(urlEqualTo(AwsStandInResource.WEBHOOK_PATH)));
        assertThat(published).as("SNS messages").hasSize(1);
        assertThat(posted).as("webhook posts").hasSize(1);
        assertMasked("the SNS message", URLDecoder.decode(published.get(0).getBodyAsString(), StandardCharsets.UTF_8));
        // Slack's own escaping turns the redaction mark into &lt;redacted&gt;.
        assertMasked("the webhook's text", unescaped(posted.get(0).getBodyAsString()));
    }

    private static void assertFilesMasked(Path folder, int expected) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).as("files in " + folder).hasSize(expected);
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(LeakedSecrets.leakIn(text)).as("a secret in " + file).isNull();
            if (!file.getFileName().toString().startsWith("index.")) {
                // The page escapes the name's <redacted> as HTML does.
                assertThat(unescaped(text)).as(file + " names the token")
                        .contains(SHOWN);
            }
        }
    }

    private static String unescaped(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">");
    }

    private void assertLogMasked() {
        assertThat(LeakedSecrets.leakIn(console.text())).as("a secret in the log").isNull();
    }

    private static String ok(Functions.Result result) {
        assertThat(result.succeeded()).as(String.valueOf(result)).isTrue();
        return result.json();
    }

    private static void deleteAll(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(folder)).forEach(files::add);
        }
        for (Path file : files) {
            Files.delete(file);
        }
    }
}
