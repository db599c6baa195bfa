package com.clustertokens.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.clustertokens.cluster.RegistryEntries.Registry;
import com.clustertokens.error.AwsUnavailableException;
import com.clustertokens.error.ConfigurationException;
import com.clustertokens.error.InvalidInputException;
import com.clustertokens.testing.ConsoleCapture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The registry's rules, as DT_CLUSTERS (local runs, tests) and an SSM parameter are read, and how a request's
 * {@code cluster} selects an entry of it. Every message names the entry it is about, and none shows a token.
 */
class ClusterRegistryTest {

    /** A well-formed token; masked by pattern wherever it might appear. */
    private static final String TOKEN = "dt0c01.REGISTRYTESTPUBLIC000000." + "K".repeat(64);
    /** A legacy opaque token: no pattern recognises it, so only never writing it keeps it out of a message. */
    private static final String OPAQUE = "registryOpaqueApiToken4711zz";

    /** An opaque token too short for any pattern to mask. */
    private static final String SHORT_OPAQUE = "legacyTok42";

    private static final String ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:dt/prod-AbCdEf";

    @Test
    void readsEveryEntryWithItsUrlTokenSourceAndReportSettingsInOrder() {
        List<RegisteredCluster> clusters = RegistryEntries.parse("""
                [{"name":"prod-eu","url":"https://eu.example.com","apiTokenSecretArn":" %s ","staleAfter":"P30D",
                  "exclude":["ci-*"]},
                 {"name":"pre","url":"http://127.0.0.1:8089","apiToken":"%s"}]""".formatted(ARN, OPAQUE),
                "DT_CLUSTERS", true).clusters();

        assertThat(clusters).extracting(RegisteredCluster::name).containsExactly("prod-eu", "pre");
        RegisteredCluster prod = clusters.get(0);
        assertThat(prod.url()).isEqualTo("https://eu.example.com");
        assertThat(prod.apiTokenSecretArn()).as("the ARN, stripped").isEqualTo(ARN);
        assertThat(prod.apiToken()).isNull();
        assertThat(prod.staleAfter()).isEqualTo("P30D");
        assertThat(prod.exclude()).containsExactly("ci-*");
        assertThat(prod.isDefault()).isFalse();
        assertThat(prod.scope("key-1")).isEqualTo("prod-eu/key-1");
        RegisteredCluster pre = clusters.get(1);
        assertThat(pre.apiTokenSecretArn()).isNull();
        assertThat(OPAQUE.equals(pre.apiToken())).as("the token given directly is kept").isTrue();
        assertThat(pre.staleAfter()).isNull();
        assertThat(pre.exclude()).isNull();
        assertThat(pre.toString().contains(OPAQUE)).as("toString never shows the token").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Prod", "", "-prod", "prod-", "prod_eu", "prod.eu", "prøod",
            "abc-defgh-ijklmn-opqrst-uvwxyz-abcdefghijk"})
    void refusesANameThatCannotBecomePartOfKeysNamingTheEntryAndTheRule(String name) {
        String json = "[{\"name\":\"ok\",\"url\":\"https://a.example.com\",\"apiToken\":\"" + OPAQUE + "\"},"
                + "{\"name\":\"" + name + "\",\"url\":\"https://b.example.com\",\"apiToken\":\"" + SHORT_OPAQUE
                + "\"}]";

        Registry registry = RegistryEntries.parse(json, "DT_CLUSTERS", true);
        String message = registry.refused().get("[1]");

        assertThat(message).startsWith("DT_CLUSTERS[1].name: '" + name.substring(0, Math.min(name.length(), 30)))
                .contains(" must be 1 to 40 lower-case letters, digits or hyphens, starting and ending with a letter "
                        + "or digit");
        assertNoToken(message);
        assertThat(registry.names()).as("an unusable name is named by its position").containsExactly("ok", "[1]");
        assertThat(registry.clusters()).extracting(RegisteredCluster::name).containsExactly("ok");
    }

    @Test
    void reservesTheNameOfTheFleetsIndexSoNoClusterOverwritesIt() {
        Registry registry = RegistryEntries.parse("[{\"name\":\"index\",\"url\":\"https://a.example.com\","
                + "\"apiTokenSecretArn\":\"" + ARN + "\"}]", "SSM parameter /dt/clusters", false);

        assertThat(registry.clusters()).isEmpty();
        assertThat(registry.refused()).containsExactly(Map.entry("index", "SSM parameter /dt/clusters[0].name: "
                + "'index' is reserved: each run's report folder holds the fleet's index.json and index.html"));
    }

    @Test
    void acceptsNamesOfOneAndOfFortyCharacters() {
        String forty = "a" + "-".repeat(38) + "z";
        List<RegisteredCluster> clusters = RegistryEntries.parse("[{\"name\":\"x\",\"url\":\"https://a.example.com\","
                + "\"apiToken\":\"t1\"},{\"name\":\"" + forty + "\",\"url\":\"https://b.example.com\","
                + "\"apiToken\":\"t2\"}]", "DT_CLUSTERS", true).clusters();

        assertThat(clusters).extracting(RegisteredCluster::name).containsExactly("x", forty);
    }

    @Test
    void refusesAnEntryWithoutANameNamingIt() {
        String message = refusal("[{\"url\":\"https://a.example.com\",\"apiToken\":\"" + OPAQUE + "\"}]", true);

        assertThat(message).startsWith("DT_CLUSTERS[0].name: null must be 1 to 40");
    }

    @Test
    void refusesBothEntriesOfANameRegisteredTwiceAsNeitherCanBeTrustedAndKeepsTheOthers() {
        Registry registry = RegistryEntries.parse("""
                [{"name":"prod","url":"https://a.example.com","apiToken":"t1"},
                 {"name":"pre","url":"https://b.example.com","apiToken":"t2"},
                 {"name":"prod","url":"https://c.example.com","apiToken":"t3"}]""", "DT_CLUSTERS", true);

        assertThat(registry.refused()).containsExactly(Map.entry("prod", "DT_CLUSTERS: entries [0] and [2] share the "
                + "name 'prod'; none is used, as which one is meant cannot be known"));
        assertThat(registry.clusters()).extracting(RegisteredCluster::name).containsExactly("pre");
        assertThat(registry.names()).containsExactly("prod", "pre");
    }

    @Test
    void refusesEveryEntryReachingTheSameClusterHoweverItsUrlIsSpelt() {
        Registry registry = RegistryEntries.parse("""
                [{"name":"prod","url":"https://managed.example.com","apiTokenSecretArn":"%s-1"},
                 {"name":"pre","url":"https://pre.example.com","apiTokenSecretArn":"%s-2"},
                 {"name":"prod-again","url":"HTTPS://Managed.Example.com:443/","apiTokenSecretArn":"%s-3"}]"""
                .formatted(ARN, ARN, ARN), "SSM parameter /dt/clusters", false);

        assertThat(registry.refused()).containsOnlyKeys("prod", "prod-again");
        assertThat(registry.refused().get("prod-again")).isEqualTo("SSM parameter /dt/clusters[2].url: reaches the "
                + "same cluster as entries [0] and [2]; a cluster is registered once, so none of them is used");
        assertThat(registry.clusters()).extracting(RegisteredCluster::name).containsExactly("pre");
    }

    @Test
    void refusesEveryEntryGivingTheSameApiTokenWithoutShowingIt() {
        Registry fromSecrets = RegistryEntries.parse("""
                [{"name":"prod","url":"https://a.example.com","apiTokenSecretArn":"%s"},
                 {"name":"pre","url":"https://b.example.com","apiTokenSecretArn":" %s "},
                 {"name":"dr","url":"https://c.example.com","apiTokenSecretArn":"%s-other"}]"""
                .formatted(ARN, ARN, ARN), "SSM parameter /dt/clusters", false);
        Registry fromTokens = RegistryEntries.parse("""
                [{"name":"prod","url":"https://a.example.com","apiToken":"%s"},
                 {"name":"pre","url":"https://b.example.com","apiToken":"%s"}]""".formatted(OPAQUE, OPAQUE),
                "DT_CLUSTERS", true);

        assertThat(fromSecrets.refused()).containsOnlyKeys("prod", "pre");
        assertThat(fromSecrets.refused().get("pre")).isEqualTo("SSM parameter /dt/clusters[1].apiTokenSecretArn: the "
                + "same secret as entries [0] and [1]; an API token serves one cluster, so none of them is used");
        assertThat(fromSecrets.clusters()).extracting(RegisteredCluster::name).containsExactly("dr");
        assertThat(fromTokens.refused().get("prod")).isEqualTo("DT_CLUSTERS[0].apiToken: the same token as entries "
                + "[0] and [1]; an API token serves one cluster, so none of them is used");
        fromTokens.refused().values().forEach(ClusterRegistryTest::assertNoToken);
    }

    @Test
    void refusesPlainHttpToAClusterThatIsNotOnLoopback() {
        String message = refusal("[{\"name\":\"prod\",\"url\":\"http://managed.example.com\",\"apiTokenSecretArn\":\""
                + ARN + "\"}]", false);

        assertThat(message).isEqualTo("SSM parameter /dt/clusters[0].url 'http://managed.example.com' is malformed: it "
                + "must start with https://, or http:// for a loopback host only (localhost, 127.0.0.0/8, [::1]): the "
                + "API token goes with every request");
    }

    @Test
    void refusesAnEntryWithBothTokenSourcesWithoutShowingTheToken() {
        String message = refusal("[{\"name\":\"prod\",\"url\":\"https://a.example.com\",\"apiTokenSecretArn\":\""
                + ARN + "\",\"apiToken\":\"" + OPAQUE + "\"}]", true);

        assertThat(message).isEqualTo("DT_CLUSTERS[0]: give exactly one of apiTokenSecretArn and apiToken");
        assertNoToken(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ",\"apiToken\":\"  \"", ",\"apiTokenSecretArn\":\"\"", ",\"apiToken\":null"})
    void refusesAnEntryWithoutATokenSource(String tokenFields) {
        String message = refusal("[{\"name\":\"prod\",\"url\":\"https://a.example.com\"" + tokenFields + "}]", true);

        assertThat(message).isEqualTo("DT_CLUSTERS[0]: give exactly one of apiTokenSecretArn and apiToken");
    }

    @Test
    void refusesATokenWrittenIntoAnSsmRegistryWithoutShowingIt() {
        for (String token : List.of(TOKEN, OPAQUE)) {
            String message = refusal("[{\"name\":\"prod\",\"url\":\"https://a.example.com\",\"apiToken\":\""
                    + token + "\"}]", false);

            assertThat(message).isEqualTo("SSM parameter /dt/clusters[0].apiToken: a token must not be written into "
                    + "the registry; store it in Secrets Manager and give its ARN as apiTokenSecretArn");
            assertNoToken(message);
        }
    }

    @Test
    void refusesAnSsmEntryWithoutASecretArnNamingOnlyTheArn() {
        assertThat(refusal("[{\"name\":\"prod\",\"url\":\"https://a.example.com\"}]", false))
                .isEqualTo("SSM parameter /dt/clusters[0]: give exactly one of apiTokenSecretArn");
    }

    @Test
    void refusesABadUrlNamingItsEntry() {
        Registry registry = RegistryEntries.parse("""
                [{"name":"prod","url":"https://a.example.com","apiToken":"t0"},
                 {"name":"pre","url":"ftp://pre.example.com","apiToken":"t1"},
                 {"name":"dr","apiToken":"t2"},
                 {"name":"lab","url":"https://user:%s@lab.example.com","apiToken":"t3"}]""".formatted(OPAQUE),
                "DT_CLUSTERS", true);

        assertThat(registry.refused().get("pre")).startsWith("DT_CLUSTERS[1].url 'ftp://pre.example.com' is "
                + "malformed: it must start with https://");
        assertThat(registry.refused().get("dr")).startsWith("DT_CLUSTERS[2].url is not set");
        assertThat(registry.refused().get("lab")).isEqualTo("DT_CLUSTERS[3].url is malformed: it must not contain "
                + "credentials; the API token goes in apiTokenSecretArn");
        assertNoToken(registry.refused().get("lab"));
        assertThat(registry.clusters()).extracting(RegisteredCluster::name).containsExactly("prod");
    }

    @Test
    void namesEveryProblemOfAnEntryInItsRefusal() {
        Registry registry = RegistryEntries.parse("""
                [{"name":"Prod","url":"https://a.example.com","apiToken":"%s"},
                 {"name":"pre","url":"nope"}]""".formatted(OPAQUE), "DT_CLUSTERS", true);

        assertThat(registry.refused().get("[0]")).startsWith("DT_CLUSTERS[0].name: 'Prod'").doesNotContain("; ");
        assertThat(registry.refused().get("pre").split("; ")).containsExactly(
                "DT_CLUSTERS[1]: give exactly one of apiTokenSecretArn and apiToken",
                "DT_CLUSTERS[1].url 'nope' is malformed: it must start with https://, or http:// for a loopback host "
                        + "only (localhost, 127.0.0.0/8, [::1]): the API token goes with every request");
    }

    @Test
    void refusesAnUnknownFieldNamingItsEntrySoAMisspeltSettingIsNotIgnored() {
        String message = refusal("[{\"name\":\"prod\",\"url\":\"https://a.example.com\",\"apiToken\":\"" + OPAQUE
                + "\"},{\"name\":\"pre\",\"url\":\"https://b.example.com\",\"apiToken\":\"" + OPAQUE
                + "\",\"staleAftr\":\"P30D\"}]", true);

        assertThat(message).isEqualTo("DT_CLUSTERS[1].staleAftr: unknown field; a cluster has only {name, url, "
                + "apiTokenSecretArn or apiToken, staleAfter, exclude, remediation}");
        assertNoToken(message);
        assertThat(RegistryEntries.parse("[{\"name\":\"pre\",\"url\":\"https://b.example.com\",\"apiToken\":\"t\","
                + "\"staleAftr\":\"P30D\"}]", "DT_CLUSTERS", true).refused()).as("refused under its own name")
                .containsOnlyKeys("pre");
    }

    @Test
    void refusesAValueOfTheWrongKindNamingItsEntryAndFieldWithoutShowingIt() {
        String excludeAsText = refusal("[{\"name\":\"prod\",\"url\":\"https://a.example.com\",\"apiToken\":\""
                + OPAQUE + "\",\"exclude\":\"" + SHORT_OPAQUE + "\"}]", true);
        String tokenAsList = refusal("[{\"name\":\"prod\",\"url\":\"https://a.example.com\",\"apiToken\":[\""
                + SHORT_OPAQUE + "\"]}]", true);
        String entryAsText = refusal("[\"" + SHORT_OPAQUE + "\"]", true);

        assertThat(excludeAsText).isEqualTo("DT_CLUSTERS[0].exclude: expected a list of strings");
        assertThat(tokenAsList).isEqualTo("DT_CLUSTERS[0].apiToken: expected a string");
        assertThat(entryAsText).isEqualTo("DT_CLUSTERS[0]: expected a cluster {name, url, apiTokenSecretArn or "
                + "apiToken, staleAfter, exclude, remediation}");
        String remediationAsText = refusal("[{\"name\":\"prod\",\"url\":\"https://a.example.com\",\"apiToken\":\""
                + OPAQUE + "\",\"remediation\":\"apply\"}]", true);
        String maxActionsAsText = refusal("[{\"name\":\"prod\",\"url\":\"https://a.example.com\",\"apiToken\":\""
                + OPAQUE + "\",\"remediation\":{\"maxActions\":\"" + SHORT_OPAQUE + "\"}}]", true);

        assertThat(remediationAsText).isEqualTo("DT_CLUSTERS[0].remediation: expected an object");
        assertThat(maxActionsAsText).isEqualTo("DT_CLUSTERS[0].remediation.maxActions: expected a whole number");
        for (String message : List.of(excludeAsText, tokenAsList, entryAsText, remediationAsText, maxActionsAsText)) {
            assertNoToken(message);
            assertThat(message).doesNotContain("java.", "com.clustertokens", "Entry");
        }
    }

    @Test
    void refusesAnEmptyRegistry() {
        assertThat(documentRefusal("[]", true)).isEqualTo("DT_CLUSTERS lists no cluster: give at least one");
        assertThat(documentRefusal("null", true)).isEqualTo("DT_CLUSTERS lists no cluster: give at least one");
    }

    @Test
    void refusesANullEntryNamingIt() {
        String message = refusal("[{\"name\":\"prod\",\"url\":\"https://a.example.com\",\"apiToken\":\"" + OPAQUE
                + "\"},null]", true);

        assertThat(message).isEqualTo("DT_CLUSTERS[1]: must be a cluster, not null");
    }

    @Test
    void refusesAnObjectWhereTheArrayBelongs() {
        assertThat(documentRefusal("{\"name\":\"prod\"}", false)).isEqualTo("SSM parameter /dt/clusters is not a JSON "
                + "array of clusters {name, url, apiTokenSecretArn, staleAfter, exclude, remediation}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{\"name\":\"prod\"}] trailing", "[{\"name\":", "prod", "[{\"name\":\"prod\"},]"})
    void refusesWhatIsNotJsonSayingWhere(String json) {
        assertThat(documentRefusal(json, true)).matches("DT_CLUSTERS is not valid JSON \\(at line 1, column \\d+\\): "
                + "it must be a JSON array of clusters \\{name, url, apiTokenSecretArn or apiToken, staleAfter, "
                + "exclude, remediation}");
    }

    @Test
    void neverShowsATokenPastedWithoutItsQuotes() {
        for (String token : List.of(TOKEN, OPAQUE, SHORT_OPAQUE)) {
            // The parser stops at the token: its own message would quote it.
            String message = documentRefusal("[{\"name\":\"prod\",\"url\":\"https://a.example.com\",\n\"apiToken\":"
                    + token + "}]", true);

            assertThat(message).startsWith("DT_CLUSTERS is not valid JSON (at line 2, column ");
            assertNoToken(message);
        }
    }

    @Test
    void selectsTheNamedCluster() {
        ClusterRegistry registry = registry(Map.of("dt.clusters", fleetOfTwo()));

        assertThat(registry.select("pre").url()).isEqualTo("https://pre.example.com");
        assertThat(registry.select("prod").url()).isEqualTo("https://prod.example.com");
        assertThat(registry.clusters()).extracting(RegisteredCluster::name).containsExactly("prod", "pre");
    }

    @Test
    void refusesAnUnknownNameListingTheKnownNames() {
        ClusterRegistry registry = registry(Map.of("dt.clusters", fleetOfTwo()));

        assertThatThrownBy(() -> registry.select("staging")).isInstanceOf(InvalidInputException.class)
                .hasMessage("Invalid request: cluster: 'staging' is not registered; known clusters: prod, pre");
    }

    @Test
    void refusesAMissingNameInAFleetListingTheKnownNames() {
        ClusterRegistry registry = registry(Map.of("dt.clusters", fleetOfTwo()));

        for (String missing : new String[]{null, "", "  "}) {
            assertThatThrownBy(() -> registry.select(missing)).isInstanceOf(InvalidInputException.class)
                    .hasMessage("Invalid request: cluster: is required, this deployment serves 2 clusters: prod, "
                            + "pre");
        }
    }

    @Test
    void selectsTheOnlyClusterOfARegistryOfOneWithoutAName() {
        ClusterRegistry registry = registry(Map.of("dt.clusters", "[{\"name\":\"solo\",\"url\":"
                + "\"https://solo.example.com\",\"apiToken\":\"" + OPAQUE + "\"}]"));

        assertThat(registry.select(null).name()).isEqualTo("solo");
        assertThat(registry.select("solo").name()).isEqualTo("solo");
        assertThatThrownBy(() -> registry.select("default")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("known clusters: solo");
    }

    @Test
    void servesTheSingleClusterVariablesAsOneClusterNamedDefault() {
        ClusterRegistry registry = registry(Map.of("dt.cluster-url", "https://managed.example.com",
                "dt.api-token-secret-arn", ARN, "dt.api-token", OPAQUE));

        RegisteredCluster only = registry.select(null);

        assertThat(only.name()).isEqualTo("default");
        assertThat(registry.select("default")).isEqualTo(only);
        assertThat(only.url()).isEqualTo("https://managed.example.com");
        assertThat(only.apiTokenSecretArn()).isEqualTo(ARN);
        assertThat(only.isDefault()).isTrue();
        assertThat(only.scope("key-1")).as("the single cluster's keys stay as they were").isEqualTo("key-1");
        assertThat(only.urlSetting()).isEqualTo("DT_CLUSTER_URL");
        assertThatThrownBy(() -> registry.select("prod")).isInstanceOf(InvalidInputException.class)
                .hasMessage("Invalid request: cluster: 'prod' is not registered; known clusters: default");
    }

    @Test
    void refusesBothTheVariableAndTheParameterAsTwoHomesOfOneRegistry() {
        ClusterRegistry registry = registry(Map.of("dt.clusters", fleetOfTwo(), "dt.clusters-parameter",
                "/dt/clusters"));

        assertThatThrownBy(registry::clusters).isInstanceOf(ConfigurationException.class)
                .hasMessage("DT_CLUSTERS and DT_CLUSTERS_PARAMETER are both set: the registry must have one home; "
                        + "keep DT_CLUSTERS_PARAMETER on AWS, DT_CLUSTERS for local runs");
        assertThatThrownBy(() -> registry.select("prod")).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void refusesAnInvalidVariableRegistryAtFirstUseNamingTheVariable() {
        ClusterRegistry registry = registry(Map.of("dt.clusters", "[{\"name\":\"prod\",\"url\":\"nope\","
                + "\"apiToken\":\"" + OPAQUE + "\"}]"));

        assertThatThrownBy(() -> registry.select("prod")).isInstanceOf(ConfigurationException.class)
                .hasMessage("cluster 'prod' is refused: DT_CLUSTERS[0].url "
                        + "'nope' is malformed: it must start with https://, or http:// for a loopback host only "
                        + "(localhost, 127.0.0.0/8, [::1]): the API token goes with every request");
    }

    @Test
    void namesARegistryEntrysTokenSourceInErrorsAboutIt() {
        RegisteredCluster prod = RegistryEntries.parse("[{\"name\":\"prod\",\"url\":\"https://a.example.com\","
                + "\"apiTokenSecretArn\":\"" + ARN + "\"}]", "SSM parameter /dt/clusters", false).clusters().get(0);
        ApiTokenSource tokens = new ApiTokenSource(null);

        assertThat(prod.urlSetting()).isEqualTo("cluster 'prod' url (SSM parameter /dt/clusters)");
        assertThat(tokens.source(prod)).isEqualTo("the secret " + ARN + " (cluster 'prod' apiTokenSecretArn (SSM "
                + "parameter /dt/clusters))");
    }

    @Test
    void servesTheValidClustersOfARegistryWithABrokenEntryAndRefusesTheBrokenOneWithItsEntrysError() {
        ClusterRegistry registry = registry(Map.of("dt.clusters", """
                [{"name":"prod","url":"https://prod.example.com","apiToken":"%s"},
                 {"name":"pre","url":"https://pre.example.com","apiToken":"%s","staleAftr":"P30D"},
                 {"name":"Lab_1","url":"https://lab.example.com","apiToken":"%s"}]"""
                .formatted(OPAQUE, SHORT_OPAQUE, TOKEN)));

        assertThat(registry.select("prod").url()).isEqualTo("https://prod.example.com");
        assertThat(registry.clusters()).extracting(RegisteredCluster::name).containsExactly("prod");
        assertThat(registry.names()).as("every entry, for the nightly run's lines").containsExactly("prod", "pre",
                "[2]");
        assertThatThrownBy(() -> registry.select("pre")).isInstanceOf(ConfigurationException.class)
                .hasMessage("cluster 'pre' is refused: DT_CLUSTERS[1].staleAftr: "
                        + "unknown field; a cluster has only {name, url, apiTokenSecretArn or apiToken, staleAfter, "
                        + "exclude, remediation}");
        assertThatThrownBy(() -> registry.select("[2]")).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("cluster '[2]' is refused: "
                        + "DT_CLUSTERS[2].name: 'Lab_1' must be 1 to 40");
        assertThatThrownBy(() -> registry.select(null)).isInstanceOf(InvalidInputException.class)
                .hasMessage("Invalid request: cluster: is required, this deployment serves 3 clusters: prod, pre, [2]");
    }

    @Test
    void keepsServingTheLastGoodRegistryWhenARefreshCannotReadTheParameterWithAWarningAndAMetric() throws Exception {
        Parameter parameter = new Parameter(fleetOfTwo().replace("apiToken\":\"" + OPAQUE, "apiTokenSecretArn\":\""
                + ARN + "-1"));
        ClusterRegistry registry = parameter.registry();
        assertThat(registry.names()).containsExactly("prod", "pre");

        parameter.failing = new AwsUnavailableException("Could not read the cluster registry from SSM "
                + "parameter /dt/clusters (DT_CLUSTERS_PARAMETER): ThrottlingException (HTTP 400)", true);
        parameter.clock.addAndGet(Duration.ofMinutes(6).toNanos());
        ConsoleCapture console = ConsoleCapture.start();
        String out;
        try {
            out = captureStdout(() -> assertThat(registry.select("pre").url()).isEqualTo("https://pre.example.com"));
        } finally {
            console.close();
        }

        assertThat(parameter.reads).as("the refresh was tried").isEqualTo(2);
        assertThat(console.text()).contains("The cluster registry could not be refreshed: Could not read the cluster "
                + "registry from SSM parameter /dt/clusters (DT_CLUSTERS_PARAMETER): ThrottlingException (HTTP 400). "
                + "The registry read 360 s ago is served until the next try in PT5M");
        JsonNode metric = emf(out);
        assertThat(metric.at("/_aws/CloudWatchMetrics/0/Namespace").asText()).isEqualTo("ClusterTokenRegistry");
        assertThat(metric.at("/_aws/CloudWatchMetrics/0/Dimensions").toString()).isEqualTo("[[]]");
        assertThat(metric.at("/_aws/CloudWatchMetrics/0/Metrics/0/Name").asText()).isEqualTo("RefreshFailures");
        assertThat(metric.get("RefreshFailures").asLong()).isEqualTo(1);

        parameter.clock.addAndGet(Duration.ofMinutes(1).toNanos());
        registry.select("prod");
        assertThat(parameter.reads).as("not tried again before the TTL is over").isEqualTo(2);

        parameter.failing = null;
        parameter.json = "[{\"name\":\"dr\",\"url\":\"https://dr.example.com\",\"apiTokenSecretArn\":\"" + ARN
                + "\"}]";
        parameter.clock.addAndGet(Duration.ofMinutes(5).toNanos());
        assertThat(registry.names()).as("the next refresh that works is served").containsExactly("dr");
    }

    @Test
    void keepsServingTheLastGoodRegistryWhenTheParameterNoLongerParses() {
        Parameter parameter = new Parameter("[{\"name\":\"prod\",\"url\":\"https://prod.example.com\","
                + "\"apiTokenSecretArn\":\"" + ARN + "\"}]");
        ClusterRegistry registry = parameter.registry();
        registry.select("prod");

        for (String broken : List.of("[{\"name\":\"prod\",\n\"apiTokenSecretArn\":" + OPAQUE + "}]", "[]",
                "{\"name\":\"prod\"}")) {
            parameter.json = broken;
            parameter.clock.addAndGet(Duration.ofMinutes(5).toNanos());
            String out = captureStdout(() -> assertThat(registry.select("prod").url())
                    .isEqualTo("https://prod.example.com"));

            assertThat(emf(out).get("RefreshFailures").asLong()).as(broken).isEqualTo(1);
            assertThat(out.contains(OPAQUE)).as("the pasted token stays out of the output").isFalse();
        }
    }

    @Test
    void failsTheCallWhenThereIsNoRegistryToKeep() {
        Parameter parameter = new Parameter("not json");

        assertThatThrownBy(() -> parameter.registry().select("prod")).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("SSM parameter /dt/clusters is not valid JSON (at line 1, column ");
        parameter.failing = new AwsUnavailableException("Could not read", false);
        assertThatThrownBy(() -> parameter.registry().select("prod")).isSameAs(parameter.failing);
    }

    @Test
    void servesARefreshedRegistryWithABrokenEntryAsItsValidClustersNotAsAFailedRefresh() {
        Parameter parameter = new Parameter("[{\"name\":\"prod\",\"url\":\"https://prod.example.com\","
                + "\"apiTokenSecretArn\":\"" + ARN + "\"}]");
        ClusterRegistry registry = parameter.registry();
        registry.select("prod");
        parameter.json = "[{\"name\":\"prod\",\"url\":\"https://prod.example.com\",\"apiTokenSecretArn\":\"" + ARN
                + "\"},{\"name\":\"pre\",\"url\":\"http://pre.example.com\",\"apiTokenSecretArn\":\"" + ARN
                + "-2\"}]";
        parameter.clock.addAndGet(Duration.ofMinutes(5).toNanos());

        String out = captureStdout(() -> assertThat(registry.names()).containsExactly("prod", "pre"));

        assertThat(out).doesNotContain("RefreshFailures");
        assertThat(registry.select("prod").url()).isEqualTo("https://prod.example.com");
        assertThatThrownBy(() -> registry.select("pre")).hasMessageContaining("[1].url 'http://pre.example.com' is "
                + "malformed");
    }

    /** The SSM parameter as the registry reads it: its text or a failure, the reads counted, a clock to move. */
    private static final class Parameter {
        volatile String json;
        volatile RuntimeException failing;
        int reads;
        final AtomicLong clock = new AtomicLong(1_000_000_000L);

        Parameter(String json) {
            this.json = json;
        }

        ClusterRegistry registry() {
            ClusterConfig config = config(Map.of("dt.clusters-parameter", "/dt/clusters"));
            return new ClusterRegistry(config, name -> {
                assertThat(name).isEqualTo("/dt/clusters");
                reads++;
                if (failing != null) {
                    throw failing;
                }
                return json;
            }, clock::get);
        }
    }

    /** The one EMF line {@code out} holds. */
    private static JsonNode emf(String out) {
        List<String> lines = out.lines().filter(l -> l.startsWith("{\"_aws\"")).toList();
        assertThat(lines).hasSize(1);
        try {
            return new ObjectMapper().readTree(lines.get(0));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String captureStdout(Runnable action) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static String fleetOfTwo() {
        return "[{\"name\":\"prod\",\"url\":\"https://prod.example.com\",\"apiToken\":\"" + OPAQUE + "\"},"
                + "{\"name\":\"pre\",\"url\":\"https://pre.example.com\",\"apiTokenSecretArn\":\"" + ARN + "\"}]";
    }

    /** The registry as configured by {@code properties} (no AWS: an SSM read would fail). */
    private static ClusterRegistry registry(Map<String, String> properties) {
        return new ClusterRegistry(config(properties), null);
    }

    private static ClusterConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withMapping(ClusterConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(new HashMap<>(properties), "test", 100)).build()
                .getConfigMapping(ClusterConfig.class);
    }

    /** Why the one refused entry of {@code json}, as DT_CLUSTERS ({@code tokensAllowed}) or an SSM parameter, is. */
    private static String refusal(String json, boolean tokensAllowed) {
        Registry registry = RegistryEntries.parse(json, tokensAllowed ? "DT_CLUSTERS" : "SSM parameter /dt/clusters",
                tokensAllowed);
        assertThat(registry.refused()).hasSize(1);
        return registry.refused().values().iterator().next();
    }

    /** The message of the refusal of the whole of {@code json}. */
    private static String documentRefusal(String json, boolean tokensAllowed) {
        Throwable thrown = catchThrowable(() -> RegistryEntries.parse(json, tokensAllowed
                ? "DT_CLUSTERS"
                : "SSM parameter /dt/clusters", tokensAllowed));
        assertThat(thrown).isInstanceOf(ConfigurationException.class);
        return thrown.getMessage();
    }

    // Compared, never printed: a failing assertion must not write the token into the test output either.
    private static void assertNoToken(String message) {
        assertThat(message.contains(TOKEN) || message.contains(OPAQUE) || message.contains(SHORT_OPAQUE)
                || message.contains("K".repeat(64)))
                .as("the message shows no token").isFalse();
    }
}
