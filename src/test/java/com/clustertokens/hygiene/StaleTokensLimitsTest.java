package com.clustertokens.hygiene;

import static com.clustertokens.testing.Lambda.invokeFailing;
import static com.clustertokens.testing.Lambda.invokeOk;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.testing.Exports;
import com.clustertokens.testing.InjectWireMock;
import com.clustertokens.testing.WireMockClusterResource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** A small list limit and metadata that vanish: what a large or busy cluster does, stubbed with WireMock. */
@QuarkusTest
@TestProfile(StaleTokensLimitsTest.SmallLimits.class)
@WithTestResource(WireMockClusterResource.class)
class StaleTokensLimitsTest {

    /** stale-tokens with a list limit of 3 and metadata for at most 2 tokens (no expiry scan, which reads all). */
    public static class SmallLimits extends Exports.Export {
        public SmallLimits() {
            super("stale-tokens", Map.of("hygiene.list-limit", "3", "hygiene.enrich-limit", "2",
                    "hygiene.expiry-scan-limit", "0"));
        }
    }

    private static final String BASE = "/api/cluster/v2/tokens";
    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

    @InjectWireMock
    WireMockServer wireMock;

    @BeforeEach
    void stubCluster() {
        wireMock.resetAll();
        // Ids that are not UUIDs: the API does not promise UUIDs, so they must work as plain strings too. The
        // histogram cuts the active and dormant lists at its bounds: api-1 was used within 7 days (from alone),
        // gone-1 and old-1 over a year ago (to alone), and the pieces between (from and to) are empty.
        wireMock.stubFor(get(urlPathEqualTo(BASE)).withQueryParam("from", WireMock.matching("\\d+"))
                .withQueryParam("to", absent())
                .willReturn(okJson("{\"values\":[{\"id\":\"api-1\",\"name\":\"api\"}]}")));
        wireMock.stubFor(get(urlPathEqualTo(BASE)).withQueryParam("from", WireMock.matching("\\d+"))
                .withQueryParam("to", WireMock.matching("\\d+")).willReturn(okJson("{\"values\":[]}")));
        wireMock.stubFor(get(urlPathEqualTo(BASE)).withQueryParam("from", absent())
                .withQueryParam("to", WireMock.matching("\\d+"))
                .willReturn(okJson("{\"values\":[{\"id\":\"gone-1\",\"name\":\"deleted-meanwhile\"},"
                        + "{\"id\":\"old-1\",\"name\":\"old-job\"}]}")));
        wireMock.stubFor(get(urlPathEqualTo(BASE)).withQueryParam("from", absent()).withQueryParam("to", absent())
                .willReturn(okJson("{\"values\":[{\"id\":\"api-1\",\"name\":\"api\"},"
                        + "{\"id\":\"gone-1\",\"name\":\"deleted-meanwhile\"},{\"id\":\"old-1\",\"name\":\"old-job\"},"
                        + "{\"id\":\"new-1\",\"name\":\"new-token\"}]}")));
        wireMock.stubFor(get(urlPathEqualTo(BASE + "/gone-1")).willReturn(WireMock.aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":404,\"message\":\"Token not found\"}}")));
        wireMock.stubFor(get(urlPathEqualTo(BASE + "/new-1")).willReturn(okJson("{\"id\":\"new-1\",\"name\":"
                + "\"new-token\",\"userId\":\"dana\",\"revoked\":false,\"created\":1790000000000,"
                + "\"scopes\":[\"DiagnosticExport\"],\"personalAccessToken\":false}")));
    }

    @Test
    void flagsAResponseOfExactlyTheLimitAsPossiblyIncomplete() {
        JsonPath report = invokeOk(Map.of("now", NOW.toString())).extract().jsonPath();

        assertThat(report.getBoolean("mayBeIncomplete")).isTrue();
        assertThat(report.getList("queries.purpose")).containsExactly("active <7d", "active 7d-30d",
                "active 30d-90d", "dormant 90d-180d", "dormant 180d-365d", "dormant >365d", "all");
        assertThat(report.getList("queries.limit")).containsOnly(3);
        assertThat(report.getList("queries.returned")).containsExactly(1, 0, 0, 0, 0, 2, 4);
        assertThat(report.getList("queries.reachedLimit")).containsExactly(false, false, false, false, false, false,
                true);
        assertThat(report.getString("summary")).contains("WARNING: a list query returned exactly its limit");
        wireMock.verify(getRequestedFor(urlPathEqualTo(BASE)).withQueryParam("limit", equalTo("3"))
                .withQueryParam("from", absent()).withQueryParam("to", absent()));
    }

    @Test
    void notesATokenDeletedBeforeItsMetadataWasReadAndStillReports() {
        JsonPath report = invokeOk(Map.of("now", NOW.toString())).extract().jsonPath();

        assertThat(report.getInt("counts.deleted")).isEqualTo(1);
        assertThat(report.getInt("counts.dormant")).as("gone-1 left the dormant class").isEqualTo(1);
        assertThat(report.getInt("counts.enriched")).isEqualTo(2);
        assertThat(report.getList("notes", String.class)).anySatisfy(note -> assertThat(note)
                .isEqualTo("token gone-1 (deleted-meanwhile) was deleted while the report ran (metadata 404)"));
        assertThat(report.getList("stale.id")).containsExactly("old-1");
        assertThat(report.getString("stale[0].owner")).as("beyond the enrich limit: id and name only").isNull();
        assertThat(report.getString("stale[0].name")).isEqualTo("old-job");
        wireMock.verify(0, getRequestedFor(urlPathEqualTo(BASE + "/old-1")));
        wireMock.verify(1, getRequestedFor(urlPathEqualTo(BASE + "/gone-1")));
    }

    @Test
    void countsATokenCreatedAfterTheCutoffAndNeverUsedAsNewNotStale() {
        JsonPath report = invokeOk(Map.of("now", NOW.toString())).extract().jsonPath();

        // new-1: in neither filtered list, created 2026-09-21, after the cutoff of 2026-08-03
        assertThat(report.getInt("counts.newUnused")).isEqualTo(1);
        assertThat(report.getInt("counts.noRecordedUse")).isZero();
        assertThat(report.getList("stale.id")).doesNotContain("new-1");
        assertThat(report.getList("expiring.id")).doesNotContain("new-1");
        assertThat(report.getString("summary")).contains("· 1 new (created since the cutoff, not used yet)")
                .doesNotContain("new-token");
        wireMock.verify(1, getRequestedFor(urlPathEqualTo(BASE + "/new-1")));
    }

    @Test
    void countsTokensWithNoRecordedUseAsUnverifiedWhenTheirCreationTimeWasNotRead() {
        wireMock.stubFor(get(urlPathEqualTo(BASE)).withQueryParam("to", WireMock.matching("\\d+"))
                .willReturn(okJson("{\"values\":[]}")));
        wireMock.stubFor(get(urlPathEqualTo(BASE)).withQueryParam("from", absent()).withQueryParam("to", absent())
                .willReturn(okJson("{\"values\":[{\"id\":\"api-1\",\"name\":\"api\"},"
                        + "{\"id\":\"old-unused\",\"name\":\"old-unused\"},{\"id\":\"unread\",\"name\":\"unreadable\"},"
                        + "{\"id\":\"later\",\"name\":\"past-limit\"}]}")));
        wireMock.stubFor(get(urlPathEqualTo(BASE + "/old-unused")).willReturn(okJson("{\"id\":\"old-unused\","
                + "\"name\":\"old-unused\",\"userId\":\"bob\",\"revoked\":false,\"created\":1700000000000,"
                + "\"scopes\":[\"DiagnosticExport\"],\"personalAccessToken\":false}")));
        wireMock.stubFor(get(urlPathEqualTo(BASE + "/unread")).willReturn(WireMock.aResponse().withStatus(500)));

        JsonPath report = invokeOk(Map.of("now", NOW.toString(), "exclude", List.of("api"))).extract().jsonPath();

        // Enrich limit 2, report order: old-unused (created 2023: stale), unread (a 500: creation unknown), later
        // (past the limit: creation not read)
        assertThat(report.getList("stale.id")).containsExactly("old-unused");
        assertThat(report.getString("stale[0].created")).isEqualTo("2023-11-14T22:13:20Z");
        assertThat(report.getList("expiring")).isEmpty();
        assertThat(report.getList("revoked")).isEmpty();
        assertThat(report.getMap("counts")).containsAllEntriesOf(Map.of("total", 4, "noRecordedUse", 1,
                "unverified", 2, "newUnused", 0, "excluded", 1, "unreadable", 1));
        assertThat(report.getString("summary")).contains("Unverified: 2 with no recorded use whose creation time "
                + "was not read; not reported as stale").contains("*Stale tokens, oldest use first* (1)\n"
                        + "• old-unused (old-unused) · owner bob · never used\n\n").doesNotContain("past-limit");
        wireMock.verify(0, getRequestedFor(urlPathEqualTo(BASE + "/later")));
        assertThat(report.getList("notes", String.class)).contains("2 tokens with no recorded use are unverified: "
                + "their creation time was not read (metadata limit HYGIENE_ENRICH_LIMIT 2, or unreadable), so they "
                + "are not reported as stale");
    }

    @Test
    void notesATokenWhoseMetadataCannotBeReadAndStillReportsTheRest() {
        wireMock.stubFor(get(urlPathEqualTo(BASE + "/gone-1")).willReturn(WireMock.aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":503,\"message\":\"Metadata service overloaded\"}}")));

        JsonPath report = invokeOk(Map.of("now", NOW.toString())).extract().jsonPath();

        assertThat(report.getList("notes", String.class)).anySatisfy(note -> assertThat(note)
                .startsWith(
                        "token gone-1 (deleted-meanwhile): its metadata could not be read (ClusterUnavailableException")
                .contains("503").contains("Metadata service overloaded"));
        // Dormant by the list query, so still stale: listed with what the list says
        assertThat(report.getList("stale.id")).containsExactlyInAnyOrder("gone-1", "old-1");
        assertThat(report.getInt("counts.unreadable")).isEqualTo(1);
        assertThat(report.getInt("counts.dormant")).isEqualTo(2);
        assertThat(report.getInt("counts.newUnused")).isEqualTo(1);
        wireMock.verify(4, getRequestedFor(urlPathEqualTo(BASE + "/gone-1"))); // retried as a read, then noted
    }

    @Test
    void readsTheFullListAgainByLookupWhenItsOrderDiffersFromTheFilteredLists() {
        // old-1 before gone-1, while the dormant list has them the other way round
        wireMock.stubFor(get(urlPathEqualTo(BASE)).withQueryParam("from", absent()).withQueryParam("to", absent())
                .willReturn(okJson("{\"values\":[{\"id\":\"api-1\",\"name\":\"api\"},"
                        + "{\"id\":\"old-1\",\"name\":\"old-job\"},{\"id\":\"gone-1\",\"name\":\"deleted-meanwhile\"},"
                        + "{\"id\":\"new-1\",\"name\":\"new-token\"}]}")));

        JsonPath report = invokeOk(Map.of("now", NOW.toString())).extract().jsonPath();

        assertThat(report.getInt("counts.total")).isEqualTo(4);
        assertThat(report.getInt("counts.active")).isEqualTo(1);
        assertThat(report.getInt("counts.dormant")).isEqualTo(1);
        assertThat(report.getInt("counts.deleted")).isEqualTo(1);
        assertThat(report.getInt("counts.newUnused")).isEqualTo(1);
        assertThat(report.getList("notes", String.class)).contains("the full list was read twice: its order "
                + "differed from the filtered lists', or tokens changed while the report ran");
        wireMock.verify(2, getRequestedFor(urlPathEqualTo(BASE)).withQueryParam("from", absent())
                .withQueryParam("to", absent()));
    }

    @Test
    void failsTheReportWhenAPieceOfTheDormantListFailsAsTheWholeDormantListWould() {
        long yearAgo = NOW.minus(java.time.Duration.ofDays(365)).toEpochMilli();
        wireMock.stubFor(get(urlPathEqualTo(BASE)).withQueryParam("from", absent())
                .withQueryParam("to", equalTo(String.valueOf(yearAgo)))
                .willReturn(WireMock.aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":503,\"message\":\"List service overloaded\"}}")));

        String error = invokeFailing(Map.of("now", NOW.toString()));

        // The histogram has no lists of its own: its pieces are the census's, so a lost one costs what a lost
        // dormant list costs. Nothing is reported from a census that missed tokens.
        assertThat(error).startsWith("ClusterUnavailableException").contains("List service overloaded");
        wireMock.verify(4, getRequestedFor(urlPathEqualTo(BASE)).withQueryParam("to",
                equalTo(String.valueOf(yearAgo)))); // retried as a read, then given up
    }
}
