package com.clustertokens.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import com.clustertokens.simulator.lambda.LambdaProcess;
import com.clustertokens.testing.MotoServer;
import com.clustertokens.testing.PipelineAwsResource;

import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * target/function.zip deployed onto loopback as infra/template.yaml deploys it: moto holds the template's tables,
 * bucket and topic ({@link LocalDeployment}), the fleet's registry (an SSM parameter) and each cluster's API token (a
 * Secrets Manager secret under cluster-tokens/config/clusters/, as docs/fleets.md says); each function runs in an
 * execution environment of its own, started as the managed Java runtime starts it: the Runtime Interface Client
 * (copied to target/lambda-runtime-interface-client by the build) with the template's Handler, the function's resolved
 * environment, and what Lambda adds: its own variables and the role's credentials (stand-ins moto accepts). Its init
 * is an on-demand one, as for an invocation of $LATEST: SnapStart's restore path (published versions) is what the
 * benchmark measures, and its priming would triple the start of every environment here. Every AWS call goes to moto
 * ({@code AWS_ENDPOINT_URL}); nothing can reach AWS itself.
 */
final class PackagedFunctions implements AutoCloseable {

    static final Path ZIP = Path.of(System.getProperty("function.zip", "target/function.zip"));
    static final Path RUNTIME_CLIENT = Path.of(System.getProperty("lambda.ric.dir",
            "target/lambda-runtime-interface-client"));
    /** The registry's SSM parameter (the template's ClusterRegistryParameter). */
    static final String REGISTRY = "/cluster-tokens/clusters";
    /** Guards against an environment that hangs in init; a slow machine never comes near it. */
    private static final int READY_SECONDS = 600;
    /** The heap and compilers of a small Lambda's java21 runtime (as the benchmark measures with). */
    private static final List<String> JVM_FLAGS = List.of("-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Xshare:auto");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A registry entry: the cluster's name, its URL and the API token stored for it in Secrets Manager. */
    record Cluster(String name, String url, String apiToken) {

        @Override
        public String toString() {
            return name + " (" + url + ")";
        }
    }

    private final SamTemplate template = SamTemplate.load();
    private final MotoServer moto;
    private final Map<String, LambdaProcess> functions = new LinkedHashMap<>();
    private LocalDeployment deployment;
    private Path workDir;
    private Path taskRoot;
    private String runtimeClient;

    private PackagedFunctions(MotoServer moto) {
        this.moto = moto;
    }

    /**
     * Deploys the template with {@code parameters} (ClusterRegistryParameter is set here) for the fleet
     * {@code clusters}, and starts the functions of {@code exports} (their QUARKUS_FUNQY_EXPORT), each ready for
     * its first event when this returns. {@code workDir} gets the unzipped task root and one log per function.
     */
    static PackagedFunctions deploy(Path workDir, List<Cluster> clusters, Map<String, String> parameters,
            Collection<String> exports) throws Exception {
        return deploy(workDir, clusters, parameters, Map.of(), exports);
    }

    /**
     * As {@link #deploy(Path, List, Map, Collection)}, and each parameter of {@code secretParameters} is the ARN of a
     * secret made in Secrets Manager first (named cluster-tokens/config/ and the parameter), holding the value given.
     */
    static PackagedFunctions deploy(Path workDir, List<Cluster> clusters, Map<String, String> parameters,
            Map<String, String> secretParameters, Collection<String> exports) throws Exception {
        PackagedFunctions deployed = new PackagedFunctions(MotoServer.start());
        try {
            Map<String, String> all = new LinkedHashMap<>(parameters);
            try (SecretsManagerClient secrets = deployed.moto.client(SecretsManagerClient.builder())) {
                secretParameters.forEach((parameter, value) -> all.put(parameter, secrets.createSecret(b -> b
                        .name("cluster-tokens/config/" + parameter).secretString(value)).arn()));
            }
            deployed.start(workDir, clusters, all, exports);
            return deployed;
        } catch (Exception | Error e) {
            deployed.close();
            throw e;
        }
    }

    private void start(Path workDir, List<Cluster> clusters, Map<String, String> parameters,
            Collection<String> exports) throws Exception {
        if (!Files.isRegularFile(ZIP)) {
            throw new IllegalStateException(ZIP + " is missing: run ./mvnw package (failsafe runs after it)");
        }
        List<Path> jars;
        try (Stream<Path> files = Files.list(RUNTIME_CLIENT)) {
            jars = files.filter(p -> p.toString().endsWith(".jar")).map(Path::toAbsolutePath).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("no Runtime Interface Client in " + RUNTIME_CLIENT
                    + ": the build copies it before the integration tests (mvn verify)", e);
        }
        this.workDir = Files.createDirectories(workDir).toAbsolutePath();
        this.runtimeClient = LambdaProcess.classpath(jars);
        this.taskRoot = LambdaProcess.unzip(ZIP, this.workDir.resolve("task"));
        List<Map<String, String>> registry = new ArrayList<>();
        try (SecretsManagerClient secrets = moto.client(SecretsManagerClient.builder());
                SsmClient ssm = moto.client(SsmClient.builder())) {
            for (Cluster cluster : clusters) {
                String arn = secrets.createSecret(b -> b.name("cluster-tokens/config/clusters/" + cluster.name())
                        .secretString(cluster.apiToken())).arn();
                registry.add(Map.of("name", cluster.name(), "url", cluster.url(), "apiTokenSecretArn", arn));
            }
            String value = JSON.writeValueAsString(registry);
            ssm.putParameter(b -> b.name(REGISTRY).type(ParameterType.STRING).value(value));
        }
        Map<String, String> given = new LinkedHashMap<>(parameters);
        given.put("ClusterRegistryParameter", REGISTRY);
        deployment = LocalDeployment.deploy(template, moto, given);
        for (SamTemplate.DeployedFunction function : template.functions().values()) {
            if (exports.contains(function.export())) {
                functions.put(function.export(), start(function));
            }
        }
        if (!functions.keySet().containsAll(exports)) {
            throw new IllegalArgumentException("the template deploys no function for some of " + exports);
        }
        for (LambdaProcess function : functions.values()) {
            function.awaitReady(READY_SECONDS);
        }
    }

    /** The environment running {@code export}. */
    LambdaProcess function(String export) {
        return Objects.requireNonNull(functions.get(export), export + " was not started");
    }

    /** The function whose physical name (or alias ARN) is {@code name}, as an invoker names it; null if none. */
    String exportNamed(String name) {
        for (SamTemplate.DeployedFunction function : template.functions().values()) {
            String id = function.logicalId();
            if (functions.containsKey(function.export()) && (deployment.physicalId(id).equals(name)
                    || deployment.physicalId(id + ".Alias").equals(name))) {
                return function.export();
            }
        }
        return null;
    }

    SamTemplate template() {
        return template;
    }

    LocalDeployment deployment() {
        return deployment;
    }

    MotoServer moto() {
        return moto;
    }

    /** Each function's log (its JVM's whole output). */
    List<Path> logs() {
        return functions.values().stream().map(LambdaProcess::log).toList();
    }

    /** Starts {@code function} with its environment as deployed, its AWS calls to moto. */
    private LambdaProcess start(SamTemplate.DeployedFunction function) {
        Map<String, Object> properties = function.properties();
        Map<String, String> env = new LinkedHashMap<>(deployment.environment(function));
        // What Lambda adds: the role's credentials (any pair opens moto) and the function's memory.
        env.put("AWS_ACCESS_KEY_ID", PipelineAwsResource.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", MotoServer.SECRET_KEY);
        env.put("AWS_SESSION_TOKEN", "local-deployment-session");
        env.put("AWS_REGION", LocalDeployment.REGION);
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(properties.get("MemorySize")));
        // The one stand-in: every AWS service at moto, buckets addressed by path as moto serves them.
        env.put("AWS_ENDPOINT_URL", moto.url());
        env.put("AWS_S3_PATH_STYLE", "true");
        String name = deployment.physicalId(function.logicalId());
        try {
            return LambdaProcess.start(taskRoot, runtimeClient, String.valueOf(properties.get("Handler")), name,
                    JVM_FLAGS, env, Duration.ofSeconds(function.timeoutSeconds()), workDir.resolve(name + ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (LambdaProcess function : functions.values()) {
            function.close();
        }
        moto.close();
    }
}
