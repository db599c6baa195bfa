package com.clustertokens.cluster;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import com.clustertokens.aws.AwsClients;
import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.testing.MotoServer;
import com.clustertokens.testing.NeedsMotoServer;
import com.clustertokens.testing.PipelineAwsResource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusMock;

import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * A fleet registered as it is deployed: the registry in an SSM parameter (DT_CLUSTERS_PARAMETER), each cluster's
 * API token in a Secrets Manager secret named by its ARN, both served by moto; two simulated clusters, of which the
 * parameter lists only {@code alpha} at first; {@link Fleet#writeBroken()} makes it list both, beta's entry with a
 * misspelt field, and a third entry, {@code gamma}, whose URL is plain http to a host off loopback. The registry's
 * cache keeps the deployment's DT_CLUSTERS_CACHE_TTL: tests time it with a clock of their own
 * ({@link #freshRegistry}).
 */
public class RegistryParameterResource implements QuarkusTestResourceLifecycleManager, NeedsMotoServer {

    /** The parameter holding the registry. */
    public static final String PARAMETER = "/cluster-tokens/clusters";

    private static final ObjectMapper JSON = new ObjectMapper();

    private static volatile Fleet fleet;

    private MotoServer moto;
    private final Map<String, SimulatedCluster> clusters = new LinkedHashMap<>();

    /** The simulated clusters by name, the ARN of the secret holding each one's API token, and moto. */
    public record Fleet(Map<String, SimulatedCluster> clusters, Map<String, String> secretArns, MotoServer moto) {

        /** Writes the registry of these clusters, by name, into the parameter, replacing what it held. */
        public void register(List<String> names) {
            write(names.stream().map(this::entry).toList());
        }

        /** The registry entry of the simulated cluster {@code name}. */
        public Map<String, String> entry(String name) {
            return Map.of("name", name, "url", clusters.get(name).url(), "apiTokenSecretArn", secretArns.get(name));
        }

        /** Writes alpha's entry, beta's with a misspelt field and gamma's with plain http off loopback. */
        public void writeBroken() {
            Map<String, String> misspelt = new LinkedHashMap<>(entry("beta"));
            misspelt.put("staleAftr", "P30D");
            write(List.of(entry("alpha"), misspelt, Map.of("name", "gamma", "url", "http://gamma.example.com",
                    "apiTokenSecretArn", secretArns.get("beta") + "-gamma")));
        }

        /** Writes {@code entries} into the parameter, replacing what it held. */
        public void write(List<Map<String, String>> entries) {
            String registry;
            try {
                registry = JSON.writeValueAsString(entries);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            try (SsmClient ssm = moto.client(SsmClient.builder())) {
                ssm.putParameter(b -> b.name(PARAMETER).type(ParameterType.STRING).value(registry).overwrite(true));
            }
        }
    }

    /**
     * A registry that has read nothing yet, made the application's for the running test: it reads the parameter
     * as the test wrote it, through the application's AWS clients, and times its cache by {@code nanoTime}.
     */
    public static void freshRegistry(ClusterConfig config, AwsClients aws, LongSupplier nanoTime) {
        QuarkusMock.installMockForType(new ClusterRegistry(config, parameter -> ClusterRegistry.read(aws, parameter),
                nanoTime), ClusterRegistry.class);
    }

    /** The fleet of the running test. */
    public static Fleet fleet() {
        return fleet;
    }

    @Override
    public Map<String, String> start() {
        moto = MotoServer.start();
        Map<String, String> arns = new LinkedHashMap<>();
        Instant now = Instant.now();
        try (SecretsManagerClient secrets = moto.client(SecretsManagerClient.builder())) {
            for (String name : List.of("alpha", "beta")) {
                String token = "dt0c01.SSMREGISTRY" + name.toUpperCase() + "0".repeat(13 - name.length()) + "."
                        + (name.substring(0, 1).toUpperCase() + "7").repeat(32);
                SimulatedCluster cluster = SimulatedCluster.start(0, token).seedSamples(now);
                clusters.put(name, cluster);
                arns.put(name, secrets.createSecret(b -> b.name("cluster-tokens/api-token/" + name)
                        .secretString(token)).arn());
            }
        }
        fleet = new Fleet(Map.copyOf(clusters), Map.copyOf(arns), moto);
        fleet.register(List.of("alpha"));
        return Map.of("dt.clusters-parameter", PARAMETER,
                "aws.region", PipelineAwsResource.REGION,
                "aws.ssm.endpoint-url", moto.url(),
                "aws.secretsmanager.endpoint-url", moto.url(),
                "aws.stand-in-credentials.access-key-id", PipelineAwsResource.ACCESS_KEY,
                "aws.stand-in-credentials.secret-access-key", MotoServer.SECRET_KEY);
    }

    @Override
    public void stop() {
        clusters.values().forEach(SimulatedCluster::stop);
        if (moto != null) {
            moto.close();
        }
    }
}
