package com.clustertokens.token;

import static com.clustertokens.testing.Lambda.invokeOk;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.simulator.RecordedRequest;
import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.testing.Exports;
import com.clustertokens.testing.InjectSimulatedCluster;
import com.clustertokens.testing.SimulatedClusterResource;
import com.clustertokens.testing.StatefulAwsResource;
import com.clustertokens.testing.TestTokens;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** A create refused for a rotated API token (401: nothing was done) is sent once more with the value read again. */
@QuarkusTest
@TestProfile(CreateAfterRotationTest.Profile.class)
@WithTestResource(SimulatedClusterResource.class)
@WithTestResource(StatefulAwsResource.class)
class CreateAfterRotationTest {

    static final String SECRET = "cluster-tokens/config/api-token";

    /** create-token reading its API token from Secrets Manager, as deployed. */
    public static class Profile extends Exports.Export {
        public Profile() {
            super("create-token", Map.of("dt.api-token-secret-arn", SECRET));
        }
    }

    @InjectSimulatedCluster
    SimulatedCluster cluster;

    private final SecretsManagerClient secrets = StatefulAwsResource.secretsManager();

    @AfterEach
    void rotateBack() {
        cluster.rotateApiToken(TestTokens.API_TOKEN);
    }

    @Test
    void createsExactlyOneTokenWhenTheCachedApiTokenWasRotatedAway() {
        secrets.createSecret(b -> b.name(SECRET).secretString(TestTokens.API_TOKEN));
        invokeOk("{\"name\":\"before-rotation\",\"scopes\":[\"settings.read\"]}");
        String rotated = cluster.rotateApiToken();
        secrets.putSecretValue(b -> b.secretId(SECRET).secretString(rotated));
        cluster.clearRequests();

        invokeOk("{\"name\":\"after-rotation\",\"scopes\":[\"settings.read\"]}");

        List<RecordedRequest> creates = cluster.requests().stream().filter(r -> r.method().equals("POST")
                && r.path().equals("/api/cluster/v2/tokens")).toList();
        assertThat(creates).hasSize(2);
        assertThat(TestTokens.isApiTokenHeader(creates.get(0).header("authorization").orElse(null)))
                .as("first with the cached token, refused").isTrue();
        assertThat(("Api-Token " + rotated).equals(creates.get(1).header("authorization").orElse(null)))
                .as("then with the rotated one").isTrue();
        assertThat(cluster.liveTokensNamed("after-rotation")).hasSize(1);
    }
}
