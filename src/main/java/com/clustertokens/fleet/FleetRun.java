package com.clustertokens.fleet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.enterprise.context.ApplicationScoped;

import com.clustertokens.cluster.ClusterRegistry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The whole fleet run in one process, as the state machine runs it on AWS: every registry entry's step, at most
 * FLEET_CONCURRENCY at once, a failed step caught as that cluster's line, then the summary step over all of them.
 * Local runs and tests use it; on AWS the state machine takes its place, so the run scales past one invocation.
 */
@ApplicationScoped
public class FleetRun {

    private final ClusterRegistry registry;
    private final FleetService fleet;
    private final FleetConfig config;
    private final ObjectMapper mapper;

    public FleetRun(ClusterRegistry registry, FleetService fleet, FleetConfig config, ObjectMapper mapper) {
        this.registry = registry;
        this.fleet = fleet;
        this.config = config;
        this.mapper = mapper;
    }

    /** Runs every cluster's report, then the summary, for the run scheduled at {@code scheduledTime}. */
    public FleetSummary run(Instant scheduledTime) {
        List<String> clusters = registry.names();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(config.concurrency(),
                clusters.size())));
        try {
            List<Future<ClusterOutcome>> steps = new ArrayList<>();
            for (String cluster : clusters) {
                steps.add(pool.submit(() -> step(cluster, scheduledTime)));
            }
            List<ClusterOutcome> results = new ArrayList<>();
            for (Future<ClusterOutcome> step : steps) {
                results.add(step.get());
            }
            ObjectNode input = mapper.createObjectNode();
            input.put("scheduledTime", scheduledTime.toString());
            input.set("results", mapper.valueToTree(results));
            return fleet.summarize(input);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the fleet run was interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a cluster's step escaped its catch", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** One cluster's step; its failure, whatever it is, becomes the cluster's line (the state machine's catch). */
    private ClusterOutcome step(String cluster, Instant scheduledTime) {
        ObjectNode input = mapper.createObjectNode();
        input.put("cluster", cluster);
        input.put("scheduledTime", scheduledTime.toString());
        try {
            return fleet.reportCluster(input);
        } catch (RuntimeException e) {
            return ClusterOutcome.failed(cluster, e.getClass().getSimpleName(), e.toString());
        }
    }
}
