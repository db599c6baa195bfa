package com.clustertokens.cluster;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.testing.MotoServer;
import com.clustertokens.testing.NeedsMotoServer;
import com.clustertokens.testing.PipelineAwsResource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * A fleet registered as it is deployed: the registry in an SSM parameter (DT_CLUSTERS_PARAMETER), each cluster's
 * API token in a Secrets Manager secret named by its ARN, both served by moto; two simulated clusters, of which the
 * parameter lists only {@code alpha} at first. The registry is cached for {@value #CACHE_TTL_SECONDS} seconds. With
 * the init argument {@code broken=true} it lists both, beta's entry with a misspelt field, and a third entry,
 * {@code gamma}, whose URL is plain http to a host off loopback.
 */
public class RegistryParameterResource implements QuarkusTestResourceLifecycleManager, NeedsMotoServer {

    /** The parameter holding the registry. */
    public static final String PARAMETER = "/cluster-tokens/clusters";
    /** DT_CLUSTERS_CACHE_TTL, in seconds. */
    public static final int CACHE_TTL_SECONDS = 6;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static volatile Fleet fleet;

    private MotoServer moto;
    private final Map<String, SimulatedCluster> clusters = new LinkedHashMap<>();
    private boolean broken;

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

    /** The fleet of the running test. */
    public static Fleet fleet() {
        return fleet;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        broken = Boolean.parseBoolean(initArgs.getOrDefault("broken", "false"));
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
        if (broken) {
            Map<String, String> misspelt = new LinkedHashMap<>(fleet.entry("beta"));
            misspelt.put("staleAftr", "P30D");
            fleet.write(List.of(fleet.entry("alpha"), misspelt, Map.of("name", "gamma", "url",
                    "http://gamma.example.com", "apiTokenSecretArn", arns.get("beta") + "-gamma")));
        } else {
            fleet.register(List.of("alpha"));
        }
        return Map.of("dt.clusters-parameter", PARAMETER,
                "dt.clusters-cache-ttl", CACHE_TTL_SECONDS + "s",
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
