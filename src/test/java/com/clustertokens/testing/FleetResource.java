package com.clustertokens.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.clustertokens.simulator.SimulatedCluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A fleet: {@code clusters} simulated clusters (init argument, default 3) named {@code c01, c02, …}, each with its
 * own API token and seeded sample tokens, plus, when {@code broken} is true, a cluster named {@code broken} whose
 * registry entry holds a token the cluster refuses, and, when {@code misspelt} is true, an entry named
 * {@value #MISSPELT} with a misspelt field, which the registry refuses. Registered through DT_CLUSTERS; reports go to
 * a temporary folder.
 */
public class FleetResource implements QuarkusTestResourceLifecycleManager {

    /** The registry name of the cluster that refuses its token. */
    public static final String BROKEN = "broken";
    /** The registry name of the entry with a misspelt field. */
    public static final String MISSPELT = "misspelt";

    private final Map<String, SimulatedCluster> clusters = new LinkedHashMap<>();
    private int count = 3;
    private boolean broken = true;
    private boolean misspelt;
    private Path folder;

    /** The running clusters by registry name, and where the reports go. */
    public record Fleet(Map<String, SimulatedCluster> clusters, Path reportFolder) {
    }

    @Override
    public void init(Map<String, String> initArgs) {
        count = Integer.parseInt(initArgs.getOrDefault("clusters", "3"));
        broken = Boolean.parseBoolean(initArgs.getOrDefault("broken", "true"));
        misspelt = Boolean.parseBoolean(initArgs.getOrDefault("misspelt", "false"));
    }

    @Override
    public Map<String, String> start() {
        List<Map<String, Object>> registry = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 1; i <= count; i++) {
            String name = String.format("c%02d", i);
            String token = String.format("dt0c01.FLEET%02dPUBLIC00000000000.", i) + ("S" + i).repeat(64)
                    .substring(0, 64);
            SimulatedCluster cluster = SimulatedCluster.start(0, token).seedSamples(now);
            clusters.put(name, cluster);
            registry.add(Map.of("name", name, "url", cluster.url(), "apiToken", token));
        }
        if (broken) {
            SimulatedCluster cluster = SimulatedCluster.start(0, TestTokens.API_TOKEN).seedSamples(now);
            clusters.put(BROKEN, cluster);
            registry.add(Map.of("name", BROKEN, "url", cluster.url(), "apiToken",
                    "dt0c01.REFUSEDBYTHECLUSTER00000." + "R".repeat(64)));
        }
        if (misspelt) {
            registry.add(Map.of("name", MISSPELT, "url", "https://misspelt.example.com", "apiToken",
                    "dt0c01.MISSPELTENTRY000000000000." + "M".repeat(64), "staleAftr", "P30D"));
        }
        try {
            folder = Files.createTempDirectory("fleet-reports");
            Map<String, String> config = new HashMap<>();
            config.put("dt.clusters", new ObjectMapper().writeValueAsString(registry));
            config.put("fleet.report-folder", folder.toString());
            return config;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(new Fleet(Map.copyOf(clusters), folder),
                new TestInjector.AnnotatedAndMatchesType(InjectFleet.class, Fleet.class));
    }

    @Override
    public void stop() {
        clusters.values().forEach(SimulatedCluster::stop);
    }
}
