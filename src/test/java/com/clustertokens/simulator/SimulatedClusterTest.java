package com.clustertokens.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class SimulatedClusterTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final String API_TOKEN = "dt0c01.TESTADMIN000000000000000.TESTSECRET000000000000000000000000000000000000000000000000000000";
    private static final String TOKENS = "/api/cluster/v2/tokens";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private SimulatedCluster cluster;

    @BeforeEach
    void startCluster() {
        cluster = SimulatedCluster.start(0, API_TOKEN)
                .withClock(Clock.fixed(NOW, ZoneOffset.UTC))
                .seedSamples(NOW);
    }

    @AfterEach
    void stopCluster() {
        cluster.stop();
    }

    // --- authentication ---

    @Test
    void rejectsRequestsWithoutApiTokenHeader() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(TOKENS)).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json; charset=utf-8");
        assertThat(json(response).at("/error/code").asInt()).isEqualTo(401);
        assertThat(json(response).at("/error/message").asText()).isEqualTo("Missing authorization parameter.");
    }

    @Test
    void rejectsAWrongApiToken() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(TOKENS))
                .header("Authorization", "Api-Token dt0c01.WRONG").GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).at("/error/message").asText()).startsWith("Authentication failed");
    }

    @Test
    void refusesTheApiTokenQueryParameterEvenWithAValidHeader() throws Exception {
        HttpResponse<String> response = get(TOKENS + "?api-token=" + enc(API_TOKEN));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body().contains(API_TOKEN)).as("body echoes the token").isFalse();
    }

    @Test
    void refusesRevokedTokensAndTokensWithoutClusterTokenManagement() throws Exception {
        String revoked = createToken("to-revoke", List.of("ClusterTokenManagement"));
        String idOfRevoked = cluster.tokenBySecret(revoked).orElseThrow().id();
        assertThat(send("PUT", TOKENS + "/" + idOfRevoked, "{\"revoked\":true}").statusCode()).isEqualTo(204);
        String exporter = createToken("exporter", List.of("DiagnosticExport"));

        assertThat(getAs(revoked, TOKENS).statusCode()).isEqualTo(401);
        assertThat(getAs(exporter, TOKENS).statusCode()).isEqualTo(401);
    }

    @Test
    void acceptsACreatedTokenThatHoldsClusterTokenManagement() throws Exception {
        String secret = createToken("second-admin", List.of("ClusterTokenManagement"));

        assertThat(getAs(secret, TOKENS).statusCode()).isEqualTo(200);
    }

    @Test
    void stampsLastUseOfTheCallingTokenOnly() throws Exception {
        Instant later = NOW.plus(Duration.ofMinutes(5));
        cluster.withClock(Clock.fixed(later, ZoneOffset.UTC));
        String neverUsedId = idOf("never-used-export");

        get(TOKENS + "/" + neverUsedId);

        assertThat(cluster.token(cluster.apiTokenId()).orElseThrow().lastUse()).isEqualTo(later);
        assertThat(cluster.token(neverUsedId).orElseThrow().lastUse()).isNull();
    }

    // --- list ---

    @Test
    void listsEveryTokenInCreationOrderIncludingTheApiToken() throws Exception {
        HttpResponse<String> response = get(TOKENS);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json; charset=utf-8");
        assertThat(names(response)).containsExactly("simulator-admin", "InstallerDownload", "Mobile", "ci-deploy",
                "old-backup-job", "never-used-export", "revoked-settings-sync", "expiring-synthetic",
                "pete-token-admin");
    }

    @Test
    void listsOnlyIdNameAndDescriptionAndOmitsANullDescription() throws Exception {
        JsonNode values = json(get(TOKENS)).get("values");

        for (JsonNode value : values) {
            assertThat(fieldNames(value)).isSubsetOf("id", "name", "description").contains("id", "name");
        }
        assertThat(values.get(0).has("description")).isFalse();
        assertThat(values.get(1).get("description").asText()).contains("installer");
    }

    @Test
    void matchesTheDocumentationExampleForPete() throws Exception {
        HttpResponse<String> response = get(TOKENS + "?limit=1000&user=Pete&permissions=ClusterTokenManagement");

        assertThat(names(response)).containsExactly("pete-token-admin");
    }

    @Test
    void filtersByUserExactly() throws Exception {
        assertThat(names(get(TOKENS + "?user=pete"))).containsExactly("never-used-export");
        assertThat(names(get(TOKENS + "?user=alice")))
                .containsExactly("InstallerDownload", "ci-deploy", "revoked-settings-sync");
        assertThat(names(get(TOKENS + "?user=nobody"))).isEmpty();
    }

    @Test
    void filtersByAllPermissions() throws Exception {
        assertThat(names(get(TOKENS + "?permissions=ClusterTokenManagement")))
                .containsExactly("simulator-admin", "ci-deploy", "pete-token-admin");
        assertThat(names(get(TOKENS + "?permissions=ClusterTokenManagement&permissions=EnvironmentTokenManagement")))
                .containsExactly("pete-token-admin");
        assertThat(names(get(TOKENS + "?permissions=ControlManagement&permissions=DiagnosticExport")))
                .containsExactly("old-backup-job");
    }

    @Test
    void filtersByLastUseStrictlyAfterFrom() throws Exception {
        long twoDaysAgo = NOW.minus(Duration.ofDays(2)).toEpochMilli();
        long oneDayAgo = NOW.minus(Duration.ofDays(1)).toEpochMilli();

        // the API token itself was used just now, by this very call
        assertThat(names(get(TOKENS + "?from=" + twoDaysAgo)))
                .containsExactly("simulator-admin", "Mobile", "ci-deploy", "expiring-synthetic");
        assertThat(names(get(TOKENS + "?from=" + oneDayAgo)))
                .containsExactly("simulator-admin", "Mobile", "expiring-synthetic");
    }

    @Test
    void filtersByLastUseStrictlyBeforeTo() throws Exception {
        long thirtyDaysAgo = NOW.minus(Duration.ofDays(30)).toEpochMilli();
        long fiftyDaysAgo = NOW.minus(Duration.ofDays(50)).toEpochMilli();

        assertThat(names(get(TOKENS + "?to=" + thirtyDaysAgo)))
                .containsExactly("old-backup-job", "revoked-settings-sync");
        assertThat(names(get(TOKENS + "?to=" + fiftyDaysAgo))).containsExactly("old-backup-job");
    }

    @Test
    void combinesFromAndTo() throws Exception {
        long from = NOW.minus(Duration.ofDays(201)).toEpochMilli();
        long to = NOW.minus(Duration.ofDays(4)).toEpochMilli();

        assertThat(names(get(TOKENS + "?from=" + from + "&to=" + to)))
                .containsExactly("old-backup-job", "revoked-settings-sync", "pete-token-admin");
    }

    @Test
    void excludesNeverUsedTokensFromEveryTimeFilter() throws Exception {
        List<String> withFrom = names(get(TOKENS + "?from=0"));
        List<String> withTo = names(get(TOKENS + "?to=" + Long.MAX_VALUE));

        assertThat(withFrom).doesNotContain("InstallerDownload", "never-used-export").hasSize(7);
        assertThat(withTo).doesNotContain("InstallerDownload", "never-used-export");
        assertThat(names(get(TOKENS))).contains("InstallerDownload", "never-used-export");
    }

    @Test
    void appliesTheLimitAfterFiltering() throws Exception {
        assertThat(names(get(TOKENS + "?limit=2"))).containsExactly("simulator-admin", "InstallerDownload");
        assertThat(names(get(TOKENS + "?limit=1&user=bob"))).containsExactly("Mobile");
    }

    @Test
    void defaultsTheLimitToOneThousand() throws Exception {
        cluster.addGenerated(1500, NOW, 1);

        assertThat(json(get(TOKENS)).get("values").size()).isEqualTo(1000);
    }

    @Test
    void rejectsALimitOutsideOneToOneMillion() throws Exception {
        for (String limit : List.of("0", "-1", "1000001")) {
            HttpResponse<String> response = get(TOKENS + "?limit=" + limit);

            assertThat(response.statusCode()).as("limit=%s", limit).isEqualTo(400);
            JsonNode violation = json(response).at("/error/constraintViolations/0");
            assertThat(violation.get("path").asText()).isEqualTo("limit");
            assertThat(violation.get("parameterLocation").asText()).isEqualTo("QUERY");
        }
        assertThat(get(TOKENS + "?limit=1000000").statusCode()).isEqualTo(200);
    }

    @Test
    void rejectsNonIntegerNumbersInTheQuery() throws Exception {
        for (String query : List.of("limit=ten", "limit=1.5", "from=yesterday", "to=1e3")) {
            HttpResponse<String> response = get(TOKENS + "?" + query);

            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(json(response).at("/error/constraintViolations/0/path").asText())
                    .isEqualTo(query.substring(0, query.indexOf('=')));
        }
    }

    @Test
    void rejectsAnUnknownPermission() throws Exception {
        HttpResponse<String> response = get(TOKENS + "?permissions=DiagnosticExport&permissions=Everything");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode violation = json(response).at("/error/constraintViolations/0");
        assertThat(violation.get("path").asText()).isEqualTo("permissions[1]");
        assertThat(violation.get("parameterLocation").asText()).isEqualTo("QUERY");
        assertThat(violation.get("message").asText()).contains("Everything");
    }

    // --- create ---

    @Test
    void createsATokenOwnedByTheCallerWithAnExpiry() throws Exception {
        HttpResponse<String> response = send("POST", TOKENS,
                "{\"name\":\"MyToken\",\"scopes\":[\"DiagnosticExport\",\"UnattendedInstall\"],"
                        + "\"expiresIn\":{\"value\":24,\"unit\":\"HOURS\"}}");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(fieldNames(json(response))).containsExactly("token");
        String secret = json(response).get("token").asText();
        assertThat(TokenSecrets.isNewFormat(secret)).as("secret has the dt0c01 format").isTrue();
        SimulatedToken created = cluster.tokenBySecret(secret).orElseThrow();
        assertThat(created.name()).isEqualTo("MyToken");
        assertThat(created.userId()).isEqualTo("admin");
        assertThat(created.scopes()).containsExactly("DiagnosticExport", "UnattendedInstall");
        assertThat(created.created()).isEqualTo(NOW);
        assertThat(created.expires()).isEqualTo(NOW.plus(Duration.ofHours(24)));
        assertThat(created.lastUse()).isNull();
        assertThat(created.revoked()).isFalse();
        assertThat(created.id()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(names(get(TOKENS))).endsWith("MyToken");
    }

    @Test
    void readsAnExpiryWithoutUnitAsMilliseconds() throws Exception {
        String secret = createToken("{\"name\":\"short\",\"scopes\":[\"Nodekeeper\"],\"expiresIn\":{\"value\":1500}}");

        assertThat(cluster.tokenBySecret(secret).orElseThrow().expires()).isEqualTo(NOW.plusMillis(1500));
    }

    @Test
    void givesNewTokensTheOwnerOfTheCallingToken() throws Exception {
        SimulatedToken pete = cluster.token(idOf("pete-token-admin")).orElseThrow();

        HttpResponse<String> response = sendAs(pete.secret(), "POST", TOKENS,
                "{\"name\":\"by-pete\",\"scopes\":[\"settings.read\"]}");

        String secret = json(response).get("token").asText();
        assertThat(cluster.tokenBySecret(secret).orElseThrow().userId()).isEqualTo("Pete");
    }

    @Test
    void rejectsAnInvalidCreateBodyWithConstraintViolations() throws Exception {
        HttpResponse<String> response = send("POST", TOKENS,
                "{\"name\":\"  \",\"scopes\":[\"DiagnosticExport\",\"Everything\"],"
                        + "\"expiresIn\":{\"value\":0,\"unit\":\"WEEKS\"}}");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = json(response).get("error");
        assertThat(error.get("code").asInt()).isEqualTo(400);
        assertThat(error.get("message").asText()).isEqualTo("Constraints violated.");
        List<String> paths = new ArrayList<>();
        for (JsonNode violation : error.get("constraintViolations")) {
            paths.add(violation.get("path").asText());
            assertThat(violation.get("parameterLocation").asText()).isEqualTo("PAYLOAD_BODY");
            assertThat(violation.has("location")).isTrue();
            assertThat(violation.get("message").asText()).isNotBlank();
        }
        assertThat(paths).containsExactlyInAnyOrder("name", "scopes[1]", "expiresIn.value", "expiresIn.unit");
        assertThat(cluster.size()).isEqualTo(9);
    }

    @Test
    void rejectsMissingOrEmptyNameAndScopes() throws Exception {
        assertThat(violationPaths(send("POST", TOKENS, "{}"))).containsExactlyInAnyOrder("name", "scopes");
        assertThat(violationPaths(send("POST", TOKENS, "{\"name\":\"x\",\"scopes\":[]}"))).containsExactly("scopes");
        assertThat(violationPaths(send("POST", TOKENS, "{\"name\":\"x\",\"scopes\":[\"Nodekeeper\"],\"owner\":\"x\"}")))
                .containsExactly("owner");
        assertThat(violationPaths(send("POST", TOKENS,
                "{\"name\":\"x\",\"scopes\":[\"Nodekeeper\"],\"expiresIn\":{\"value\":1.5}}")))
                .containsExactly("expiresIn.value");
    }

    @Test
    void rejectsMalformedJson() throws Exception {
        for (String body : List.of("{\"name\":", "[]", "", "{\"name\":\"a\"} trailing")) {
            HttpResponse<String> response = send("POST", TOKENS, body);

            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(json(response).at("/error/code").asInt()).isEqualTo(400);
        }
    }

    @Test
    void rejectsABodyThatIsNotDeclaredAsJson() throws Exception {
        HttpResponse<String> response = http.send(authorized(TOKENS).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\",\"scopes\":[\"Nodekeeper\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(415);
    }

    // --- metadata and lookup ---

    @Test
    void returnsMetadataById() throws Exception {
        String id = idOf("ci-deploy");

        HttpResponse<String> response = get(TOKENS + "/" + id);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode metadata = json(response);
        assertThat(fieldNames(metadata)).containsExactly("id", "name", "userId", "revoked", "created", "expires",
                "lastUse", "scopes", "personalAccessToken");
        assertThat(metadata.get("id").asText()).isEqualTo(id);
        assertThat(metadata.get("userId").asText()).isEqualTo("alice");
        assertThat(metadata.get("created").asLong()).isEqualTo(NOW.minus(Duration.ofDays(120)).toEpochMilli());
        assertThat(metadata.get("expires").asLong()).isEqualTo(NOW.plus(Duration.ofDays(60)).toEpochMilli());
        assertThat(metadata.get("lastUse").asLong()).isEqualTo(NOW.minus(Duration.ofDays(1)).toEpochMilli());
        assertThat(metadata.get("scopes").get(0).asText()).isEqualTo("ClusterTokenManagement");
        assertThat(metadata.get("personalAccessToken").asBoolean()).isFalse();
    }

    @Test
    void omitsExpiresAndLastUseWhenThereAreNone() throws Exception {
        JsonNode metadata = json(get(TOKENS + "/" + idOf("never-used-export")));

        assertThat(metadata.has("expires")).isFalse();
        assertThat(metadata.has("lastUse")).isFalse();
    }

    @Test
    void answers404ForAnUnknownId() throws Exception {
        HttpResponse<String> response = get(TOKENS + "/6a98d7bc-abb9-44f8-ae6a-73e68e71812a");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).at("/error/code").asInt()).isEqualTo(404);
    }

    @Test
    void looksATokenUpBySecret() throws Exception {
        SimulatedToken mobile = cluster.token(idOf("Mobile")).orElseThrow();

        HttpResponse<String> response = send("POST", TOKENS + "/lookup",
                JSON.createObjectNode().put("token", mobile.secret()).toString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("id").asText()).isEqualTo(mobile.id());
        assertThat(json(response).get("name").asText()).isEqualTo("Mobile");
        assertThat(response.body().contains(mobile.secret())).as("body echoes the secret").isFalse();
    }

    @Test
    void answersLookupOfAnUnknownSecretWith404AndAnInvalidBodyWith400() throws Exception {
        assertThat(send("POST", TOKENS + "/lookup", "{\"token\":\"dt0c01.NOPE.NOPE\"}").statusCode()).isEqualTo(404);
        assertThat(violationPaths(send("POST", TOKENS + "/lookup", "{}"))).containsExactly("token");
        assertThat(send("POST", TOKENS + "/lookup", "not json").statusCode()).isEqualTo(400);
    }

    // --- update ---

    @Test
    void revokesATokenWithPut() throws Exception {
        String id = idOf("ci-deploy");

        HttpResponse<String> response = send("PUT", TOKENS + "/" + id, "{\"revoked\":true}");

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertThat(json(get(TOKENS + "/" + id)).get("revoked").asBoolean()).isTrue();
        assertThat(cluster.token(id).orElseThrow().name()).isEqualTo("ci-deploy");
    }

    @Test
    void replacesTheWholeScopeListAndRenames() throws Exception {
        String id = idOf("old-backup-job");

        send("PUT", TOKENS + "/" + id, "{\"name\":\"backup-job\",\"scopes\":[\"settings.read\"]}");

        SimulatedToken updated = cluster.token(id).orElseThrow();
        assertThat(updated.scopes()).containsExactly("settings.read");
        assertThat(updated.name()).isEqualTo("backup-job");
        assertThat(updated.revoked()).isFalse();
    }

    @Test
    void validatesUpdateScopesLikeCreate() throws Exception {
        String id = idOf("old-backup-job");

        assertThat(violationPaths(send("PUT", TOKENS + "/" + id, "{\"scopes\":[]}"))).containsExactly("scopes");
        assertThat(violationPaths(send("PUT", TOKENS + "/" + id, "{\"scopes\":[\"Nodekeeper\",\"x\"]}")))
                .containsExactly("scopes[1]");
        assertThat(violationPaths(send("PUT", TOKENS + "/" + id, "{\"revoked\":\"yes\"}"))).containsExactly("revoked");
        assertThat(cluster.token(id).orElseThrow().scopes()).containsExactly("ControlManagement", "DiagnosticExport");
    }

    @Test
    void refusesToUpdateTheCallingToken() throws Exception {
        HttpResponse<String> response = send("PUT", TOKENS + "/" + cluster.apiTokenId(), "{\"revoked\":true}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).at("/error/message").asText()).contains("cannot be updated");
        assertThat(cluster.token(cluster.apiTokenId()).orElseThrow().revoked()).isFalse();
    }

    @Test
    void refusesTheNextUpdatesOrDeletesWhenAskedWithoutApplyingThem() throws Exception {
        String id = idOf("ci-deploy");
        cluster.refuse("PUT", 503, 2).refuse("DELETE", 400, 1);

        HttpResponse<String> first = send("PUT", TOKENS + "/" + id, "{\"revoked\":true}");
        HttpResponse<String> second = send("PUT", TOKENS + "/" + id, "{\"revoked\":true}");
        HttpResponse<String> delete = send("DELETE", TOKENS + "/" + id, null);

        assertThat(List.of(first.statusCode(), second.statusCode(), delete.statusCode())).containsExactly(503, 503,
                400);
        assertThat(json(first).at("/error/message").asText()).contains("nothing was changed");
        assertThat(cluster.token(id).orElseThrow().revoked()).isFalse();
        assertThat(send("PUT", TOKENS + "/" + id, "{\"revoked\":true}").statusCode()).isEqualTo(204);
        assertThat(cluster.token(id).orElseThrow().revoked()).isTrue();
        assertThat(send("DELETE", TOKENS + "/" + id, null).statusCode()).isEqualTo(204);
    }

    @Test
    void answersAnUpdateOfAnUnknownIdWith404() throws Exception {
        assertThat(send("PUT", TOKENS + "/unknown-id", "{\"revoked\":true}").statusCode()).isEqualTo(404);
    }

    // --- delete ---

    @Test
    void deletesATokenById() throws Exception {
        String id = idOf("old-backup-job");

        assertThat(send("DELETE", TOKENS + "/" + id, null).statusCode()).isEqualTo(204);

        assertThat(cluster.token(id)).isEmpty();
        assertThat(get(TOKENS + "/" + id).statusCode()).isEqualTo(404);
        assertThat(names(get(TOKENS))).doesNotContain("old-backup-job").hasSize(8);
        assertThat(send("DELETE", TOKENS + "/" + id, null).statusCode()).isEqualTo(404);
    }

    @Test
    void deletesATokenBySecret() throws Exception {
        SimulatedToken mobile = cluster.token(idOf("Mobile")).orElseThrow();

        assertThat(send("DELETE", TOKENS + "/" + mobile.secret(), null).statusCode()).isEqualTo(204);

        assertThat(cluster.token(mobile.id())).isEmpty();
        assertThat(cluster.size()).isEqualTo(8);
    }

    @Test
    void refusesToDeleteTheCallingTokenByIdOrSecret() throws Exception {
        HttpResponse<String> byId = send("DELETE", TOKENS + "/" + cluster.apiTokenId(), null);
        HttpResponse<String> bySecret = send("DELETE", TOKENS + "/" + API_TOKEN, null);

        assertThat(byId.statusCode()).isEqualTo(400);
        assertThat(json(byId).at("/error/message").asText()).contains("cannot be deleted");
        assertThat(bySecret.statusCode()).isEqualTo(400);
        assertThat(bySecret.body().contains(API_TOKEN)).as("body echoes the token").isFalse();
        assertThat(cluster.token(cluster.apiTokenId())).isPresent();
    }

    // --- routing ---

    @Test
    void answersUnknownPathsWith404AndWrongMethodsWith405() throws Exception {
        assertThat(get("/api/cluster/v2/nothing").statusCode()).isEqualTo(404);
        assertThat(get(TOKENS + "/a/b").statusCode()).isEqualTo(404);
        HttpResponse<String> wrongMethod = send("DELETE", TOKENS, null);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("allow")).hasValue("GET, POST");
        assertThat(json(wrongMethod).at("/error/code").asInt()).isEqualTo(405);
        assertThat(send("POST", TOKENS + "/" + idOf("Mobile"), "{}").statusCode()).isEqualTo(405);
    }

    @Test
    void servesConcurrentRequests() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            calls.add(http.sendAsync(authorized(TOKENS + "?user=alice").GET().build(),
                    HttpResponse.BodyHandlers.ofString()));
        }

        for (CompletableFuture<HttpResponse<String>> call : calls) {
            assertThat(names(call.get())).hasSize(3);
        }
        assertThat(cluster.requests()).hasSize(32);
    }

    // --- recording ---

    @Test
    void recordsEveryRequestIncludingRejectedOnes() throws Exception {
        http.send(HttpRequest.newBuilder(uri(TOKENS + "?user=bob")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        send("POST", TOKENS, "{\"name\":\"n\",\"scopes\":[\"Nodekeeper\"]}");
        get(TOKENS + "?permissions=settings.read&permissions=settings.write&user=J%C3%BCrgen+S");

        List<RecordedRequest> requests = cluster.requests();
        assertThat(requests).hasSize(3);
        assertThat(requests.get(0).header("Authorization")).isEmpty();
        assertThat(requests.get(0).queryParam("user")).containsExactly("bob");
        RecordedRequest create = requests.get(1);
        assertThat(create.method()).isEqualTo("POST");
        assertThat(create.path()).isEqualTo(TOKENS);
        assertThat(create.body()).isEqualTo("{\"name\":\"n\",\"scopes\":[\"Nodekeeper\"]}");
        assertThat(create.headers()).containsKey("content-type");
        assertThat(create.header("AUTHORIZATION").map(("Api-Token " + API_TOKEN)::equals)).hasValue(true);
        RecordedRequest list = requests.get(2);
        assertThat(list.rawQuery()).isEqualTo(
                "permissions=settings.read&permissions=settings.write&user=J%C3%BCrgen+S");
        assertThat(list.query().get("permissions")).containsExactly("settings.read", "settings.write");
        assertThat(list.queryParam("user")).containsExactly("Jürgen S");

        cluster.clearRequests();
        assertThat(cluster.requests()).isEmpty();
    }

    @Test
    void keepsOnlyTheFirst64KilobytesOfALargeBody() throws Exception {
        String huge = "{\"name\":\"" + "x".repeat(100_000) + "\",\"scopes\":[\"Nodekeeper\"]}";

        assertThat(send("POST", TOKENS, huge).statusCode()).isEqualTo(201);

        assertThat(cluster.requests().get(0).body()).hasSize(64 * 1024).isEqualTo(huge.substring(0, 64 * 1024));
    }

    @Test
    void hidesSecretsWhenRequestsAndTokensArePrinted() throws Exception {
        SimulatedToken mobile = cluster.token(idOf("Mobile")).orElseThrow();
        send("POST", TOKENS + "/lookup", "{\"token\":\"" + mobile.secret() + "\"}");
        get(TOKENS + "?api-token=" + enc(API_TOKEN));

        String printed = cluster.requests() + " " + mobile;

        assertThat(printed.contains(API_TOKEN)).as("printed form holds the API token").isFalse();
        assertThat(printed.contains(mobile.secret())).as("printed form holds a token secret").isFalse();
        assertThat(printed).contains("dt0c01.TESTADMIN000000000000000").contains(mobile.secretIdentifier());
        assertThat(mobile.secretIdentifier()).matches("dt0c01\\.[A-Z0-9]{24}");
    }

    // --- lifecycle and bulk ---

    @Test
    void resetsToTheApiTokenAlone() throws Exception {
        get(TOKENS);

        cluster.reset();

        assertThat(cluster.size()).isEqualTo(1);
        assertThat(cluster.requests()).isEmpty();
        assertThat(names(get(TOKENS))).containsExactly("simulator-admin");
    }

    @Test
    void addsTokensDirectly() throws Exception {
        SimulatedToken added = cluster.addToken("manual", "carol", List.of("apiTokens.read"),
                NOW.minus(Duration.ofDays(400)));

        assertThat(added.created()).isEqualTo(NOW.minus(Duration.ofDays(400)));
        assertThat(TokenSecrets.isNewFormat(added.secret())).isTrue();
        assertThat(names(get(TOKENS + "?user=carol"))).containsExactly("manual");
        assertThat(cluster.url()).isEqualTo("http://127.0.0.1:" + cluster.port());
        assertThat(cluster.apiToken()).isEqualTo(API_TOKEN);
    }

    @Test
    void servesGeneratedTokensLikeAnyOther() throws Exception {
        cluster.addGenerated(5000, NOW, 42);
        JsonNode values = json(get(TOKENS + "?limit=100000")).get("values");
        assertThat(values.size()).isEqualTo(5009);
        String id = values.get(4000).get("id").asText();
        SimulatedToken generated = cluster.token(id).orElseThrow();

        JsonNode metadata = json(send("POST", TOKENS + "/lookup",
                JSON.createObjectNode().put("token", generated.secret()).toString()));
        assertThat(metadata.get("id").asText()).isEqualTo(id);
        assertThat(send("PUT", TOKENS + "/" + id, "{\"revoked\":true}").statusCode()).isEqualTo(204);
        assertThat(cluster.token(id).orElseThrow().revoked()).isTrue();
        assertThat(send("DELETE", TOKENS + "/" + id, null).statusCode()).isEqualTo(204);
        assertThat(cluster.size()).isEqualTo(5008);
        assertThat(cluster.token(id)).isEmpty();

        SimulatedCluster twin = SimulatedCluster.start(0, API_TOKEN);
        try {
            twin.addGenerated(5000, NOW, 42);
            assertThat(twin.token(id)).isPresent(); // deterministic from (seed, index)
        } finally {
            twin.stop();
        }
    }

    @Test
    void issuesDt0c01IdsWhenAskedTheIdentifierOfEachTokensSecret() throws Exception {
        cluster.reset();
        cluster.issueIds(IdForm.DT0C01).addGenerated(3, NOW, 42);
        SimulatedToken added = cluster.addToken("manual", "carol", List.of("apiTokens.read"), null);
        String created = cluster.idOfSecret(json(send("POST", TOKENS,
                "{\"name\":\"ci\",\"scopes\":[\"apiTokens.read\"]}")).get("token").asText()).orElseThrow();

        List<String> ids = new ArrayList<>();
        json(get(TOKENS)).get("values").forEach(v -> ids.add(v.get("id").asText()));

        assertThat(ids).hasSize(6).first().isEqualTo(cluster.apiTokenId()); // the API token keeps its UUID
        assertThat(ids.subList(1, 6)).allMatch(id -> id.matches("dt0c01\\.[A-Z2-7]{24}"))
                .contains(added.id(), created);
        assertThat(added.id()).isEqualTo(added.secretIdentifier());
        assertThat(cluster.token(ids.get(1)).orElseThrow().secretIdentifier()).isEqualTo(ids.get(1));
        assertThat(json(get(TOKENS + "/" + created)).get("id").asText()).isEqualTo(created);
    }

    @Test
    @Timeout(60)
    void streamsOneMillionTokens() throws Exception {
        long heapBefore = usedHeapAfterGc();
        long started = System.nanoTime();
        cluster.reset();
        cluster.addGenerated(1_000_000, NOW, 7);
        long heapAfter = usedHeapAfterGc();

        HttpResponse<InputStream> response = http.send(authorized(TOKENS + "?limit=1000000").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long count = 0;
        try (JsonParser parser = JSON.getFactory().createParser(response.body())) {
            int depth = 0;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.START_OBJECT && ++depth == 2) {
                    count++;
                } else if (token == JsonToken.END_OBJECT) {
                    depth--;
                }
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("transfer-encoding")).hasValue("chunked");
        assertThat(count).isEqualTo(1_000_000);
        assertThat(cluster.size()).isEqualTo(1_000_001);
        assertThat(heapAfter - heapBefore).as("heap held by one million tokens").isLessThan(150L * 1024 * 1024);
        System.out.printf("1,000,000 tokens: generated and streamed in %d ms, ~%d MB heap%n", took.toMillis(),
                (heapAfter - heapBefore) / (1024 * 1024));
    }

    @Test
    void shipsALocalDevTokenInTheNewFormat() {
        assertThat(TokenSecrets.isNewFormat(SimulatedCluster.LOCAL_DEV_TOKEN)).isTrue();
    }

    // --- helpers ---

    private URI uri(String path) {
        return URI.create(cluster.url() + path);
    }

    private HttpRequest.Builder authorized(String path) {
        return authorizedAs(API_TOKEN, path);
    }

    private HttpRequest.Builder authorizedAs(String secret, String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Api-Token " + secret)
                .header("Accept", "application/json; charset=utf-8");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return getAs(API_TOKEN, path);
    }

    private HttpResponse<String> getAs(String secret, String path) throws IOException, InterruptedException {
        return http.send(authorizedAs(secret, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String body)
            throws IOException, InterruptedException {
        return sendAs(API_TOKEN, method, path, body);
    }

    private HttpResponse<String> sendAs(String secret, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = authorizedAs(secret, path);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json; charset=utf-8")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String createToken(String name, List<String> scopes) throws Exception {
        return createToken(JSON.createObjectNode().put("name", name)
                .set("scopes", JSON.valueToTree(scopes)).toString());
    }

    private String createToken(String body) throws Exception {
        HttpResponse<String> response = send("POST", TOKENS, body);
        assertThat(response.statusCode()).isEqualTo(201);
        return json(response).get("token").asText();
    }

    private String idOf(String name) throws Exception {
        for (JsonNode value : json(get(TOKENS)).get("values")) {
            if (value.get("name").asText().equals(name)) {
                return value.get("id").asText();
            }
        }
        throw new AssertionError("no token named " + name);
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static List<String> names(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as("status of %s", response.uri()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        json(response).get("values").forEach(v -> names.add(v.get("name").asText()));
        return names;
    }

    private static List<String> violationPaths(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).isEqualTo(400);
        List<String> paths = new ArrayList<>();
        json(response).at("/error/constraintViolations").forEach(v -> paths.add(v.get("path").asText()));
        return paths;
    }

    private static List<String> fieldNames(JsonNode node) {
        return StreamSupport.stream(((Iterable<String>) node::fieldNames).spliterator(), false).toList();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
