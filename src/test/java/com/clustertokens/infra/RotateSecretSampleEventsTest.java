package com.clustertokens.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.clustertokens.rotation.RotationAwsResource;
import com.clustertokens.rotation.SecretRotations;
import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.testing.Functions;
import com.clustertokens.testing.InjectSimulatedCluster;
import com.clustertokens.testing.SimulatedClusterResource;
import com.clustertokens.token.TokenService;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The rotate-secret sample in infra/events is Secrets Manager's event as it sends it: with its secret's ARN and the
 * version being rotated in, it runs createSecret.
 */
@QuarkusTest
@TestProfile(SecretRotations.RotateSecret.class)
@WithTestResource(SimulatedClusterResource.class)
@WithTestResource(RotationAwsResource.class)
class RotateSecretSampleEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectSimulatedCluster
    SimulatedCluster cluster;

    @Inject
    TokenService tokens;

    @Test
    void theDirectSampleRunsCreateSecretOnTheSecretAndVersionItNames() throws Exception {
        cluster.reset();
        SecretsManagerClient secrets = SecretRotations.secretsManager();
        String name = "ci-deploy-" + UUID.randomUUID();
        String arn = SecretRotations.createdSecret(tokens, name, null);
        String version = SecretRotations.start(secrets, arn);
        ObjectNode sample = (ObjectNode) JSON.readTree(SampleEvents.read(SampleEvents.DIR.resolve(
                "rotate-secret.direct.json")));
        assertThat(sample.get("Step").asText()).isEqualTo("createSecret");
        sample.put("SecretId", arn).put("ClientRequestToken", version);

        Functions.Result result = Functions.invoke("rotate-secret", sample.toString());

        assertThat(result.succeeded()).as(result.toString()).isTrue();
        JsonNode answer = JSON.readTree(result.json());
        assertThat(answer.get("step").asText()).isEqualTo("createSecret");
        assertThat(answer.get("outcome").asText()).startsWith("stored replacement dt0c01.");
        assertThat(cluster.liveTokensNamed(name)).hasSize(2);
    }
}
