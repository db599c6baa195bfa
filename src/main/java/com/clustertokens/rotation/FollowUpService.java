package com.clustertokens.rotation;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.clustertokens.cluster.ClusterClients;
import com.clustertokens.error.InvalidInputException;
import com.clustertokens.lambda.RequestReader;
import com.clustertokens.logging.EmbeddedMetrics;
import com.clustertokens.remediation.ActionOutcome;
import com.clustertokens.remediation.RemediationClock;
import com.clustertokens.remediation.RotationFollowUps;
import com.clustertokens.security.Secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * rotation-follow-up: one cluster's due follow-ups (one token's, from its schedule), a summary line and an EMF line
 * of {@code RotationFollowUps} by outcome; an action refused or unknown also logs the remediation failure marker,
 * which the template's alarm counts.
 */
@ApplicationScoped
public class FollowUpService {

    /** Input: {@code cluster} (a fleet registry name, optional), {@code token} (only that token's follow-up). */
    public record Request(String cluster, String token) {
    }

    static final String METRICS_NAMESPACE = "ClusterTokenRotation";
    private static final Logger LOG = Logger.getLogger(FollowUpService.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClusterClients clients;
    private final RotationFollowUps followUps;
    private final RequestReader reader;
    private final RemediationClock clock;

    public FollowUpService(ClusterClients clients, RotationFollowUps followUps, RequestReader reader,
            RemediationClock clock) {
        this.clients = clients;
        this.followUps = followUps;
        this.reader = reader;
        this.clock = clock;
    }

    /** {@code RotationFollowUps} of one outcome ({@code revoke-done}, {@code delete-skipped}, ...) on one cluster. */
    public static String metricsLine(String clusterUrl, String outcome, long count, long timestampMillis) {
        return EmbeddedMetrics.line(JSON, METRICS_NAMESPACE, Map.of("Cluster", clusterUrl, "Outcome", outcome), Map
                .of("RotationFollowUps", count), timestampMillis);
    }

    public RotationFollowUps.Result run(JsonNode input) {
        Request request = reader.read(input, Request.class);
        if (request.token() != null && (request.token().isBlank() || Secrets.identifierOrNull(request.token()) != null
                || request.token().length() > 256)) {
            throw new InvalidInputException(List.of("token: the id of one superseded token (never its "
                    + "secret), at most 256 characters; leave it out for every follow-up due"));
        }
        return clients.within(request.cluster(), cluster -> {
            RotationFollowUps.Result result = followUps.run(cluster, request.token(), "rotation follow-up at "
                    + clock.now() + (request.token() == null ? "" : " for " + request.token()));
            Map<String, Long> byOutcome = new TreeMap<>();
            for (ActionOutcome action : result.actions()) {
                byOutcome.merge(action.action().wire() + "-" + action.outcome().wire(), 1L, Long::sum);
            }
            byOutcome.forEach((outcome, count) -> EmbeddedMetrics.print(metricsLine(cluster.clusterUrl(), outcome,
                    count, clock.now().toEpochMilli())));
            LOG.infof("Rotation follow-up of %s: %s; %d upcoming, %d held", cluster.clusterName(), byOutcome.isEmpty()
                    ? "nothing due"
                    : byOutcome.toString(), result.upcoming().size(), result.held().size());
            return result;
        });
    }
}
