package com.clustertokens.hygiene;

import static com.clustertokens.testing.Lambda.invokeOk;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
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

/**
 * The stale classes take the expiry scan's reads: a stale token the scan read is read once and classified from that
 * read, whatever HYGIENE_ENRICH_LIMIT says; the limit bounds only the reads for stale tokens past the scan's cap.
 */
@QuarkusTest
@TestProfile(StaleTokensExpiryReadsTest.CappedScan.class)
@WithTestResource(WireMockClusterResource.class)
class StaleTokensExpiryReadsTest {

    /**
     * stale-tokens reading the expiry of at most 3 tokens, and the metadata of at most 1 stale token past them; the
     * census asks its two lists whole (no histogram pieces), as {@link #stubLists} answers them.
     */
    public static class CappedScan extends Exports.Export {
        public CappedScan() {
            super("stale-tokens", Map.of("hygiene.expiry-scan-limit", "3", "hygiene.enrich-limit", "1",
                    "hygiene.last-use-histogram", "false"));
        }
    }

    /** stale-tokens with the census's two lists asked whole, as {@link #stubLists} answers them. */
    public static class WholeLists extends Exports.Export {
        public WholeLists() {
            super("stale-tokens", Map.of("hygiene.last-use-histogram", "false"));
        }
    }

    static final String BASE = "/api/cluster/v2/tokens";
    static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
    static final Instant CUTOFF = NOW.minus(Duration.ofDays(90));

    @InjectWireMock
    WireMockServer wireMock;

    @BeforeEach
    void stubCluster() {
        wireMock.resetAll();
        // In list order: the scan reads api-1, d-1 and d-2; n-1 and n-2 are past its cap.
        stubLists(wireMock, "api-1", "d-1,d-2", "api-1,d-1,d-2,n-1,n-2");
        stubMetadata(wireMock, "api-1", "alice", NOW.minus(Duration.ofDays(10)), null, NOW.minusSeconds(60));
        stubMetadata(wireMock, "d-1", "bob", NOW.minus(Duration.ofDays(400)), null, CUTOFF.minus(Duration.ofDays(9)));
        // Dormant by the list, but used since by its metadata: the read, not the list, decides.
        stubMetadata(wireMock, "d-2", "carol", NOW.minus(Duration.ofDays(400)), null, NOW.minus(Duration.ofDays(1)));
        stubMetadata(wireMock, "n-1", "dana", NOW.minus(Duration.ofDays(300)), null, null);
        stubMetadata(wireMock, "n-2", "erin", NOW.minus(Duration.ofDays(300)), null, null);
    }

    @Test
    void classifiesTheStaleTokensTheScanReadFromThatOneReadAndBoundsOnlyTheOthersByTheEnrichLimit() {
        JsonPath report = invokeOk(Map.of("now", NOW.toString())).extract().jsonPath();

        // d-1: read by the scan, so listed with its owner although the enrich limit (1) went to n-1.
        assertThat(report.getList("stale.id")).containsExactly("n-1", "d-1");
        assertThat(report.getString("stale.find { it.id == 'd-1' }.owner")).isEqualTo("bob");
        assertThat(report.getString("stale.find { it.id == 'n-1' }.owner")).isEqualTo("dana");
        // d-2: its one read says used yesterday, so active; n-2: past the scan and the enrich limit, unverified.
        assertThat(report.getMap("counts")).containsAllEntriesOf(Map.of("total", 5, "active", 2, "dormant", 1,
                "noRecordedUse", 1, "unverified", 1, "enriched", 3));
        assertThat(report.getList("notes", String.class)).contains("token d-2 (d-2) was used while the report ran; "
                + "counted as active");
        assertThat(report.getLong("expiry.read")).isEqualTo(3);
        assertThat(report.getList("expiry.unread.id")).containsExactly("n-1", "n-2");
        for (String id : new String[]{"api-1", "d-1", "d-2", "n-1"}) {
            wireMock.verify(1, getRequestedFor(urlPathEqualTo(BASE + "/" + id)));
        }
        wireMock.verify(0, getRequestedFor(urlPathEqualTo(BASE + "/n-2")));
    }

    /** The active, dormant and full list, each a comma-separated list of ids (names equal to the ids). */
    static void stubLists(WireMockServer wireMock, String active, String dormant, String all) {
        wireMock.stubFor(get(urlPathEqualTo(BASE)).withQueryParam("from", WireMock.matching("\\d+"))
                .willReturn(okJson(values(active))));
        wireMock.stubFor(get(urlPathEqualTo(BASE)).withQueryParam("to", WireMock.matching("\\d+"))
                .willReturn(okJson(values(dormant))));
        wireMock.stubFor(get(urlPathEqualTo(BASE)).withQueryParam("from", absent()).withQueryParam("to", absent())
                .willReturn(okJson(values(all))));
    }

    static void stubMetadata(WireMockServer wireMock, String id, String owner, Instant created, Instant expires,
            Instant lastUse) {
        wireMock.stubFor(get(urlPathEqualTo(BASE + "/" + id)).willReturn(okJson("{\"id\":\"" + id + "\",\"name\":\""
                + id + "\",\"userId\":\"" + owner + "\",\"revoked\":false,\"created\":" + created.toEpochMilli()
                + (expires == null ? "" : ",\"expires\":" + expires.toEpochMilli())
                + (lastUse == null ? "" : ",\"lastUse\":" + lastUse.toEpochMilli())
                + ",\"scopes\":[\"DiagnosticExport\"],\"personalAccessToken\":false}")));
    }

    private static String values(String ids) {
        StringBuilder json = new StringBuilder("{\"values\":[");
        String separator = "";
        for (String id : ids.isEmpty() ? new String[0] : ids.split(",")) {
            json.append(separator).append("{\"id\":\"").append(id).append("\",\"name\":\"").append(id).append("\"}");
            separator = ",";
        }
        return json.append("]}").toString();
    }
}
