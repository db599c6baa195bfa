package com.clustertokens.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.clustertokens.error.ConfigurationException;
import com.clustertokens.error.InvalidInputException;

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
        List<RegisteredCluster> clusters = ClusterRegistry.parse("""
                [{"name":"prod-eu","url":"https://eu.example.com","apiTokenSecretArn":" %s ","staleAfter":"P30D",
                  "exclude":["ci-*"]},
                 {"name":"pre","url":"http://127.0.0.1:8089","apiToken":"%s"}]""".formatted(ARN, OPAQUE),
                "DT_CLUSTERS", true);

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
                + "{\"name\":\"" + name + "\",\"url\":\"https://b.example.com\",\"apiToken\":\"" + OPAQUE + "\"}]";

        String message = refusal(json, true);

        assertThat(message).startsWith("DT_CLUSTERS[1].name: '" + name.substring(0, Math.min(name.length(), 30)))
                .contains(" must be 1 to 40 lower-case letters, digits or hyphens, starting and ending with a letter "
                        + "or digit");
        assertNoToken(message);
    }

    @Test
    void acceptsNamesOfOneAndOfFortyCharacters() {
        String forty = "a" + "-".repeat(38) + "z";
        List<RegisteredCluster> clusters = ClusterRegistry.parse("[{\"name\":\"x\",\"url\":\"https://a.example.com\","
                + "\"apiToken\":\"t1\"},{\"name\":\"" + forty + "\",\"url\":\"https://b.example.com\","
                + "\"apiToken\":\"t2\"}]", "DT_CLUSTERS", true);

        assertThat(clusters).extracting(RegisteredCluster::name).containsExactly("x", forty);
    }

    @Test
    void refusesAnEntryWithoutANameNamingIt() {
        String message = refusal("[{\"url\":\"https://a.example.com\",\"apiToken\":\"" + OPAQUE + "\"}]", true);

        assertThat(message).startsWith("DT_CLUSTERS[0].name: null must be 1 to 40");
    }

    @Test
    void refusesANameRegisteredTwiceNamingTheSecondEntry() {
        String message = refusal("""
                [{"name":"prod","url":"https://a.example.com","apiToken":"%s"},
                 {"name":"pre","url":"https://b.example.com","apiToken":"%s"},
                 {"name":"prod","url":"https://c.example.com","apiToken":"%s"}]""".formatted(OPAQUE, OPAQUE, OPAQUE),
                true);

        assertThat(message).isEqualTo("DT_CLUSTERS[2].name: 'prod' is registered twice");
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
        Throwable thrown = catchThrowable(() -> ClusterRegistry.parse("[{\"name\":\"prod\",\"url\":"
                + "\"https://a.example.com\"}]", "SSM parameter /dt/clusters", false));

        assertThat(thrown).isInstanceOf(ConfigurationException.class)
                .hasMessage("SSM parameter /dt/clusters[0]: give exactly one of apiTokenSecretArn");
    }

    @Test
    void refusesABadUrlNamingItsEntry() {
        String message = refusal("""
                [{"name":"prod","url":"https://a.example.com","apiToken":"%s"},
                 {"name":"pre","url":"ftp://pre.example.com","apiToken":"%s"},
                 {"name":"dr","apiToken":"%s"},
                 {"name":"lab","url":"https://user:%s@lab.example.com","apiToken":"%s"}]"""
                .formatted(OPAQUE, OPAQUE, OPAQUE, OPAQUE, OPAQUE), true);

        assertThat(message).contains("DT_CLUSTERS[1].url 'ftp://pre.example.com' is malformed: it must start with "
                + "https://")
                .contains("DT_CLUSTERS[2].url is not set")
                .contains("DT_CLUSTERS[3].url is malformed: it must not contain credentials; the API token goes in "
                        + "apiTokenSecretArn")
                .doesNotContain("DT_CLUSTERS[0]");
        assertNoToken(message);
    }

    @Test
    void namesEveryProblemOfEveryEntryInOneMessage() {
        String message = refusal("""
                [{"name":"Prod","url":"https://a.example.com","apiToken":"%s"},
                 {"name":"pre","url":"nope"}]""".formatted(OPAQUE), true);

        assertThat(message.split("; ")).hasSize(3);
        assertThat(message).contains("DT_CLUSTERS[0].name: 'Prod'").contains("DT_CLUSTERS[1]: give exactly one of")
                .contains("DT_CLUSTERS[1].url 'nope' is malformed");
    }

    @Test
    void refusesAnUnknownFieldNamingItsEntrySoAMisspeltSettingIsNotIgnored() {
        String message = refusal("[{\"name\":\"prod\",\"url\":\"https://a.example.com\",\"apiToken\":\"" + OPAQUE
                + "\"},{\"name\":\"pre\",\"url\":\"https://b.example.com\",\"apiToken\":\"" + OPAQUE
                + "\",\"staleAftr\":\"P30D\"}]", true);

        assertThat(message).isEqualTo("DT_CLUSTERS[1].staleAftr: unknown field; a cluster has only {name, url, "
                + "apiTokenSecretArn or apiToken, staleAfter, exclude, remediation}");
        assertNoToken(message);
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
        assertThat(refusal("[]", true)).isEqualTo("DT_CLUSTERS lists no cluster: give at least one");
        assertThat(refusal("null", true)).isEqualTo("DT_CLUSTERS lists no cluster: give at least one");
    }

    @Test
    void refusesANullEntryNamingIt() {
        String message = refusal("[{\"name\":\"prod\",\"url\":\"https://a.example.com\",\"apiToken\":\"" + OPAQUE
                + "\"},null]", true);

        assertThat(message).isEqualTo("DT_CLUSTERS[1]: must be a cluster, not null");
    }

    @Test
    void refusesAnObjectWhereTheArrayBelongs() {
        assertThat(refusal("{\"name\":\"prod\"}", false)).isEqualTo("SSM parameter /dt/clusters is not a JSON "
                + "array of clusters {name, url, apiTokenSecretArn, staleAfter, exclude, remediation}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{\"name\":\"prod\"}] trailing", "[{\"name\":", "prod", "[{\"name\":\"prod\"},]"})
    void refusesWhatIsNotJsonSayingWhere(String json) {
        assertThat(refusal(json, true)).matches("DT_CLUSTERS(\\[\\d])? is not valid JSON \\(at line 1, column \\d+\\): "
                + "it must be a JSON array of clusters \\{name, url, apiTokenSecretArn or apiToken, staleAfter, "
                + "exclude, remediation}");
    }

    @Test
    void neverShowsATokenPastedWithoutItsQuotes() {
        for (String token : List.of(TOKEN, OPAQUE, SHORT_OPAQUE)) {
            // The parser stops at the token: its own message would quote it.
            String message = refusal("[{\"name\":\"prod\",\"url\":\"https://a.example.com\",\n\"apiToken\":"
                    + token + "}]", true);

            assertThat(message).startsWith("DT_CLUSTERS[0] is not valid JSON (at line 2, column ");
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
                .hasMessage("DT_CLUSTERS[0].url 'nope' is malformed: it must start with https://, or http:// for a "
                        + "loopback host only (localhost, 127.0.0.0/8, [::1]): the API token goes with every request");
    }

    @Test
    void namesARegistryEntrysTokenSourceInErrorsAboutIt() {
        RegisteredCluster prod = ClusterRegistry.parse("[{\"name\":\"prod\",\"url\":\"https://a.example.com\","
                + "\"apiTokenSecretArn\":\"" + ARN + "\"}]", "SSM parameter /dt/clusters", false).get(0);
        ApiTokenSource tokens = new ApiTokenSource(null);

        assertThat(prod.urlSetting()).isEqualTo("cluster 'prod' url (SSM parameter /dt/clusters)");
        assertThat(tokens.source(prod)).isEqualTo("the secret " + ARN + " (cluster 'prod' apiTokenSecretArn (SSM "
                + "parameter /dt/clusters))");
    }

    private static String fleetOfTwo() {
        return "[{\"name\":\"prod\",\"url\":\"https://prod.example.com\",\"apiToken\":\"" + OPAQUE + "\"},"
                + "{\"name\":\"pre\",\"url\":\"https://pre.example.com\",\"apiTokenSecretArn\":\"" + ARN + "\"}]";
    }

    /** The registry as configured by {@code properties} (no AWS: an SSM read would fail). */
    private static ClusterRegistry registry(Map<String, String> properties) {
        ClusterConfig config = new SmallRyeConfigBuilder().withMapping(ClusterConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(new HashMap<>(properties), "test", 100)).build()
                .getConfigMapping(ClusterConfig.class);
        return new ClusterRegistry(config, null);
    }

    /** The message of the refusal of {@code json} as DT_CLUSTERS ({@code tokensAllowed}) or as an SSM parameter. */
    private static String refusal(String json, boolean tokensAllowed) {
        Throwable thrown = catchThrowable(() -> ClusterRegistry.parse(json, tokensAllowed
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
