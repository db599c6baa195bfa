package com.clustertokens.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.error.ClusterRejectedRequestException;
import com.clustertokens.error.TokenNotFoundException;
import com.clustertokens.simulator.RecordedRequest;
import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.simulator.SimulatedToken;
import com.clustertokens.testing.Exports;
import com.clustertokens.testing.InjectSimulatedCluster;
import com.clustertokens.testing.SimulatedClusterResource;
import com.clustertokens.testing.TestTokens;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(Exports.ListTokens.class)
@WithTestResource(SimulatedClusterResource.class)
class ClusterTokenClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant LAST_USE = Instant.parse("2026-10-01T12:00:00Z");

    @Inject
    ClusterClients clients;

    private ClusterTokenClient client;

    @InjectSimulatedCluster
    SimulatedCluster cluster;

    private SimulatedToken existing;

    @BeforeEach
    void seed() {
        client = clients.select(null);
        cluster.reset();
        existing = cluster.addToken("backup-job", "bob", List.of("DiagnosticExport", "settings.read"), LAST_USE);
        cluster.clearRequests();
    }

    @Test
    void readsMetadataById() {
        TokenMetadata metadata = client.metadata(existing.id());

        assertThat(metadata.id()).isEqualTo(existing.id());
        assertThat(metadata.name()).isEqualTo("backup-job");
        assertThat(metadata.userId()).isEqualTo("bob");
        assertThat(metadata.lastUse()).isEqualTo(LAST_USE.toEpochMilli());
        assertThat(metadata.revoked()).isFalse();
        assertThat(metadata.scopes()).containsExactly("DiagnosticExport", "settings.read");
        RecordedRequest request = cluster.requests().get(0);
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/api/cluster/v2/tokens/" + existing.id());
        assertThat(TestTokens.isApiTokenHeader(request.headers().get("authorization").get(0))).isTrue();
    }

    @Test
    void reportsAnUnknownIdAsNotFound() {
        assertThatThrownBy(() -> client.metadata("no-such-id")).isInstanceOf(TokenNotFoundException.class)
                .hasMessageContaining(cluster.url()).hasMessageContaining("no-such-id")
                .hasMessageContaining("404");
        assertThat(cluster.requests()).as("a 404 is not retried").hasSize(1);
    }

    @Test
    void looksUpATokenBySecretSendingTheSecretOnlyInTheBody() throws Exception {
        TokenMetadata metadata = client.lookup(existing.secret());

        assertThat(metadata.id()).isEqualTo(existing.id());
        RecordedRequest request = cluster.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/cluster/v2/tokens/lookup");
        assertThat(request.rawQuery()).isNull();
        assertThat(JSON.readTree(request.body()).get("token").asText().equals(existing.secret())).isTrue();
    }

    @Test
    void reportsALookupOfAnUnknownSecretWithoutShowingIt() {
        String unknown = "dt0c01.UNKNOWNPUBLICPART0000000." + "S".repeat(64);

        assertThatThrownBy(() -> client.lookup(unknown)).isInstanceOf(TokenNotFoundException.class)
                .hasMessageContaining("dt0c01.UNKNOWNPUBLICPART0000000")
                .satisfies(e -> assertThat(e.getMessage().contains("S".repeat(64))).isFalse());
    }

    @Test
    void revokesATokenWithAPartialUpdate() throws Exception {
        client.update(existing.id(), TokenUpdate.revoke());

        assertThat(cluster.token(existing.id()).orElseThrow().revoked()).isTrue();
        RecordedRequest request = cluster.requests().get(0);
        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.path()).isEqualTo("/api/cluster/v2/tokens/" + existing.id());
        assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree("{\"revoked\":true}"));
    }

    @Test
    void replacesTheWholeScopeListOnUpdate() {
        client.update(existing.id(), new TokenUpdate(null, null, List.of(TokenScope.SETTINGS_WRITE)));

        assertThat(cluster.token(existing.id()).orElseThrow().scopes()).containsExactly("settings.write");
    }

    @Test
    void deletesATokenById() {
        client.delete(existing.id());

        assertThat(cluster.token(existing.id())).isEmpty();
        assertThat(cluster.requests().get(0).method()).isEqualTo("DELETE");
    }

    @Test
    void reportsTheClusterRefusingToDeleteTheTokenItIsCalledWith() {
        String ownId = client.lookup(TestTokens.API_TOKEN).id();

        assertThatThrownBy(() -> client.delete(ownId)).isInstanceOf(ClusterRejectedRequestException.class)
                .hasMessageContaining("400");
        assertThat(cluster.token(ownId)).isPresent();
    }

    @Test
    void streamsTheListToTheReader() {
        cluster.addToken("second", "bob", List.of("settings.read"), LAST_USE.minus(400, ChronoUnit.DAYS));

        long count = client.list(ListQuery.all().withTo(LAST_USE.minus(1, ChronoUnit.DAYS).toEpochMilli()),
                entries -> entries.filter(e -> e.name().equals("second")).count());

        assertThat(count).isEqualTo(1);
        assertThat(cluster.requests().get(0).query().get("limit")).containsExactly("1000000");
    }
}
