package com.clustertokens.hygiene;

import static com.clustertokens.hygiene.StaleTokensExpiryReadsTest.BASE;
import static com.clustertokens.hygiene.StaleTokensExpiryReadsTest.CUTOFF;
import static com.clustertokens.hygiene.StaleTokensExpiryReadsTest.NOW;
import static com.clustertokens.hygiene.StaleTokensExpiryReadsTest.stubLists;
import static com.clustertokens.hygiene.StaleTokensExpiryReadsTest.stubMetadata;
import static com.clustertokens.testing.Lambda.invokeOk;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.clustertokens.testing.InjectWireMock;
import com.clustertokens.testing.WireMockClusterResource;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** The census reads the full list a second time (its order differed): the expiry scan still counts each token once. */
@QuarkusTest
@TestProfile(StaleTokensExpiryReadsTest.WholeLists.class)
@WithTestResource(WireMockClusterResource.class)
class StaleTokensExpiryTwoPassTest {

    @InjectWireMock
    WireMockServer wireMock;

    @Test
    void countsAndReadsEveryTokenOnceWhenTheFullListIsReadTwice() {
        wireMock.resetAll();
        // d-2 before d-1 in the full list, the other way round in the dormant list: a second pass, by lookup.
        stubLists(wireMock, "api-1,soon-1", "d-1,d-2", "api-1,soon-1,d-2,d-1,n-1");
        stubMetadata(wireMock, "api-1", "alice", NOW.minus(Duration.ofDays(10)), null, NOW.minusSeconds(60));
        stubMetadata(wireMock, "soon-1", "alice", NOW.minus(Duration.ofDays(100)), NOW.plus(Duration.ofDays(2)),
                NOW.minusSeconds(60));
        stubMetadata(wireMock, "d-1", "bob", NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(1)),
                CUTOFF.minus(Duration.ofDays(9)));
        stubMetadata(wireMock, "d-2", "bob", NOW.minus(Duration.ofDays(400)), null, CUTOFF.minus(Duration.ofDays(9)));
        stubMetadata(wireMock, "n-1", "dana", NOW.minus(Duration.ofDays(300)), null, null);

        JsonPath report = invokeOk(Map.of("now", NOW.toString())).extract().jsonPath();

        assertThat(report.getList("notes", String.class)).contains("the full list was read twice: its order "
                + "differed from the filtered lists', or tokens changed while the report ran");
        wireMock.verify(2, getRequestedFor(urlPathEqualTo(BASE)).withQueryParam("from", absent())
                .withQueryParam("to", absent()));
        assertThat(report.getMap("expiry")).containsAllEntriesOf(Map.of("read", 5, "notRead", 0,
                "expiringInUseCount", 1, "expiredCount", 1, "neverExpires", 3, "rotationDueCount", 1));
        assertThat(report.getList("expiry.expiringInUse.id")).containsExactly("soon-1");
        assertThat(report.getList("expiry.expired.id")).containsExactly("d-1");
        assertThat(report.getList("expiry.rotationDue.id")).containsExactly("soon-1");
        // The second pass's classes, each token once.
        assertThat(report.getMap("counts")).containsAllEntriesOf(Map.of("total", 5, "active", 2, "dormant", 2,
                "noRecordedUse", 1, "enriched", 3));
        for (String id : new String[]{"api-1", "soon-1", "d-1", "d-2", "n-1"}) {
            wireMock.verify(1, getRequestedFor(urlPathEqualTo(BASE + "/" + id)));
        }
    }
}
