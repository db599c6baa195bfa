package com.clustertokens.fleet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.clustertokens.cluster.ClusterRegistry;
import com.clustertokens.remediation.RemediationConfig;
import com.clustertokens.remediation.RemediationReport;
import com.clustertokens.remediation.RemediationService;
import com.clustertokens.remediation.RunOutcome;
import com.clustertokens.rotation.FollowUpService;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The whole fleet run in one process, as the state machine runs it on AWS, for local runs and tests: per cluster the
 * rotations' follow-up (where a ledger is configured), remediation (in apply mode), the report; then the summary. On
 * AWS the state machine takes its place, so the run scales past one invocation.
 */
@ApplicationScoped
public class FleetRun {

    private static final Logger LOG = Logger.getLogger(FleetRun.class);

    private final ClusterRegistry registry;
    private final FleetService fleet;
    private final FleetConfig config;
    private final ObjectMapper mapper;
    private final RemediationService remediation;
    private final RemediationConfig remediationConfig;
    private final FollowUpService followUps;

    public FleetRun(ClusterRegistry registry, FleetService fleet, FleetConfig config, ObjectMapper mapper,
            RemediationService remediation, RemediationConfig remediationConfig, FollowUpService followUps) {
        this.followUps = followUps;
        this.remediation = remediation;
        this.remediationConfig = remediationConfig;
        this.registry = registry;
        this.fleet = fleet;
        this.config = config;
        this.mapper = mapper;
    }

    public FleetSummary run(Instant scheduledTime) {
        List<String> clusters = registry.names();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(config.concurrency(),
                clusters.size())));
        try {
            List<Callable<ClusterOutcome>> steps = clusters.stream()
                    .<Callable<ClusterOutcome>>map(cluster -> () -> step(cluster, scheduledTime)).toList();
            List<ClusterOutcome> results = new ArrayList<>();
            for (Future<ClusterOutcome> step : pool.invokeAll(steps)) {
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
        ObjectNode input = input(cluster, scheduledTime);
        if (remediationConfig.ledgerTable().isPresent()) {
            followUp(cluster);
        }
        if ("apply".equals(remediationConfig.mode())) {
            input.set(RemediationStep.FIELD, remediate(cluster, scheduledTime));
        }
        try {
            return fleet.reportCluster(input);
        } catch (RuntimeException e) {
            RemediationStep tonight = mapper.convertValue(input.get(RemediationStep.FIELD), RemediationStep.class);
            return ClusterOutcome.failed(cluster, e.getClass().getSimpleName(), e.toString(), RemediationStep.told(
                    tonight));
        }
    }

    /**
     * The state machine's first step of each cluster, in any REMEDIATION_MODE: its result is its own (log line,
     * metric); a failure is logged and the cluster's run goes on, as the step's catch does.
     */
    private void followUp(String cluster) {
        try {
            followUps.run(mapper.createObjectNode().put("cluster", cluster));
        } catch (RuntimeException e) {
            LOG.warnf("Rotation follow-up of %s failed (%s); the cluster's run goes on", cluster, e.toString());
        }
    }

    /** The remediate step as the template's ResultSelector, or its catch, gives it to the report step. */
    private ObjectNode remediate(String cluster, Instant scheduledTime) {
        ObjectNode request = input(cluster, scheduledTime).put("apply", true);
        try {
            RemediationReport report = remediation.run(request);
            return mapper.valueToTree(new RemediationStep(report.outcome(), report.actions()));
        } catch (RuntimeException e) {
            RunOutcome failed = new RunOutcome(null, false, null, 0, 0, 0, 0, 0, 0, null, new RunOutcome.Failure(e
                    .getClass().getSimpleName(), e.toString()));
            return mapper.valueToTree(new RemediationStep(failed, null));
        }
    }

    private ObjectNode input(String cluster, Instant scheduledTime) {
        return mapper.createObjectNode().put("cluster", cluster).put("scheduledTime", scheduledTime.toString());
    }
}
