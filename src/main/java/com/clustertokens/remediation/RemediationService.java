package com.clustertokens.remediation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import com.clustertokens.cluster.ClusterClients;
import com.clustertokens.cluster.ClusterTokenClient;
import com.clustertokens.cluster.ListQuery;
import com.clustertokens.cluster.RegisteredCluster;
import com.clustertokens.error.ConfigurationException;
import com.clustertokens.error.InvalidInputException;
import com.clustertokens.error.RequestInProgressException;
import com.clustertokens.hygiene.HygieneConfig;
import com.clustertokens.hygiene.HygieneSettings;
import com.clustertokens.hygiene.census.NamePatterns;
import com.clustertokens.hygiene.census.TokenCensus;
import com.clustertokens.hygiene.report.HygieneReport;
import com.clustertokens.hygiene.report.StalePeriod;
import com.clustertokens.lambda.OutputFormat;
import com.clustertokens.lambda.RequestReader;
import com.clustertokens.lambda.Timestamp;
import com.clustertokens.logging.EmbeddedMetrics;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * remediate-tokens: when it may act, takes the cluster's {@link RunLock} (only plans while another run holds it) and
 * settles what earlier runs left in doubt before it plans, then acts token by token.
 */
@ApplicationScoped
public class RemediationService {

    /** Starts the log line of every action unknown or refused: the template's metric filter and alarm count these. */
    public static final String FAILED_ACTION_MARKER = "REMEDIATION_ACTION_FAILED";

    /**
     * Input of remediate-tokens, every field optional: {@code now} previews a later day (refused with apply, which acts
     * at the real time), {@code scheduledTime} is a schedule's run identity.
     */
    public record Request(String cluster, Boolean apply, Timestamp now, List<String> exclude,
            Timestamp scheduledTime, OutputFormat format) {
    }

    private final ClusterClients clients;
    private final Ledger ledger;
    private final TokenCensus census;
    private final HygieneConfig hygiene;
    private final RemediationConfig config;
    private final RequestReader reader;
    private final RemediationClock clock;
    private final RunLock lock;
    private final RunIds runIds;

    public RemediationService(ClusterClients clients, Ledger ledger, TokenCensus census, HygieneConfig hygiene,
            RemediationConfig config, RequestReader reader, RemediationClock clock, RunLock lock, RunIds runIds) {
        this.runIds = runIds;
        this.lock = lock;
        this.clients = clients;
        this.ledger = ledger;
        this.census = census;
        this.hygiene = hygiene;
        this.config = config;
        this.reader = reader;
        this.clock = clock;
    }

    /** The registry entry's remediation settings over the deployment's, checked against its stale period. */
    public RemediationPolicy policy(RegisteredCluster selected) {
        StalePeriod staleAfter = HygieneSettings.staleAfter(hygiene, selected);
        RegisteredCluster.Remediation own = Objects.requireNonNullElse(selected.remediation(),
                RegisteredCluster.Remediation.NONE);
        // The cluster's report exclusions hold for its remediation too, and its own remediation ones add to them.
        List<String> exclude = selected.exclude() == null && own.exclude() == null
                ? null
                : Stream.of(config.exclude().orElse(List.of()), selected.exclude(), own.exclude())
                        .filter(Objects::nonNull).flatMap(List::stream).toList();
        // Merged first and checked once, against the cluster's own stale period: the deployment's values alone are
        // never held to a stale period that is not theirs.
        return RemediationPolicy.of(config, selected.isDefault() ? null : selected.name(),
                new RemediationPolicy.Overrides(own.revokeAfter(), own.deleteAfter(), own.maxActions(), exclude,
                        own.restoreHold(), own.scope()), staleAfter);
    }

    public RemediationReport run(JsonNode input) {
        Request request = reader.read(input, Request.class);
        return clients.within(request.cluster(), cluster -> run(cluster, request));
    }

    private RemediationReport run(ClusterTokenClient cluster, Request request) {
        RemediationPolicy policy = policy(cluster.cluster());
        String restore = restoreCommand(cluster.cluster());
        boolean applyAllowed = applyAllowed();
        List<String> problems = new ArrayList<>();
        boolean apply = Boolean.TRUE.equals(request.apply());
        if (apply && request.now() != null) {
            problems.add("now: only for a plan; apply acts at the real time");
        }
        NamePatterns exclusions = NamePatterns.of(hygiene.autoCreatedNames(), Stream.concat(
                policy.exclude().stream(), request.exclude() == null ? Stream.empty() : request.exclude().stream())
                .toList(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        boolean acting = apply && applyAllowed;
        if (acting && !policy.scope().stated()) {
            throw new ConfigurationException("Remediation scope: apply acts only on tokens inside a scope the "
                    + "operator states, and none is set" + (cluster.cluster().isDefault()
                            ? ""
                            : " for cluster " + cluster.clusterName())
                    + ": " + policy.scope().unset() + ". Nothing was done");
        }
        Instant now = request.now() != null ? request.now().toInstant() : clock.now();
        String run = request.scheduledTime() != null
                ? "schedule at " + request.scheduledTime().toInstant()
                : "run at " + now + " " + runIds.next();
        String key = cluster.clusterName();
        RunLock.Held held = null;
        String notApplied = apply && !applyAllowed
                ? "REMEDIATION_MODE is plan: this deployment only plans (template parameter RemediationMode); "
                        + "nothing was done"
                : null;
        if (acting) {
            try {
                held = lock.take(key, run, now);
            } catch (RequestInProgressException e) {
                notApplied = e.getMessage();
            }
        }
        try {
            Map<String, LedgerEntry> entries = ledger.entries(key);
            List<String> notes = new ArrayList<>(scopeNotes(policy));
            Set<String> restoresSettled = held != null
                    ? Doubts.settleAll(cluster, ledger, entries, run, now, notes)
                    : Set.of();
            Instant cutoff = now.minus(policy.revokeAfter().length());
            HygieneReport.Body body = census.take(cluster, new ListQuery(hygiene.listLimit(), null, List.of(), null,
                    null), cutoff, now.plus(hygiene.expiryHorizon()), exclusions, new TokenCensus.Limits(hygiene
                            .reportLimit(), hygiene.enrichLimit(), hygiene.enrichConcurrency())).body();
            notes.addAll(body.notes());
            Plan plan = plan(body, new Planner.Inputs(now, cutoff, policy, exclusions, cluster.caller().id(),
                    entries)).withoutDeletesOf(restoresSettled, "its restore was settled by this run: a token is "
                            + "never deleted in the run that settles its restore; the next run decides");
            if (held != null && plan.exceedsMaxActions()) {
                notApplied = exceeded(plan, true);
            }
            boolean applied = notApplied == null && held != null;
            // Over the cap, the rotations' follow-ups are still done: a person asked for each, none is a guess.
            Plan acted = applied ? plan : held != null && plan.exceedsMaxActions() ? plan.followUpsOnly() : null;
            List<ActionOutcome> actions = acted != null
                    ? new Actions(cluster, ledger, run, now).apply(acted, entries, held, clock)
                    : List.of();
            RunOutcome outcome = RunOutcome.of(run, applied, notApplied, actions);
            if (applied || !actions.isEmpty()) {
                EmbeddedMetrics.print(outcome.metricsLine(cluster.clusterUrl(), clock.now().toEpochMilli()));
            }
            return summarized(new RemediationReport(now, cluster.clusterUrl(), run, config.mode(), applied,
                    notApplied, now, cutoff, policy, plan, actions, notes, outcome, null), restore);
        } finally {
            if (held != null) {
                lock.release(held, clock.now());
            }
        }
    }

    /** The plan for a stale-tokens report already made (its census, its time): reads the ledger, sends nothing. */
    public RemediationReport planFor(ClusterTokenClient cluster, HygieneReport report) {
        RemediationPolicy policy = policy(cluster.cluster());
        String restore = restoreCommand(cluster.cluster());
        List<String> problems = new ArrayList<>();
        NamePatterns exclusions = NamePatterns.of(hygiene.autoCreatedNames(), policy.exclude(), problems);
        if (!problems.isEmpty()) {
            throw new ConfigurationException("REMEDIATION_EXCLUDE: " + String.join("; ", problems));
        }
        Instant now = report.heading().now();
        Instant cutoff = now.minus(policy.revokeAfter().length());
        List<String> notes = new ArrayList<>(scopeNotes(policy));
        if (report.heading().cutoff().isAfter(cutoff) && report.body().truncated()) {
            notes.add("the report lists only part of its stale tokens, so this plan may hold fewer than a run of "
                    + "remediate-tokens would");
        }
        Plan plan = plan(report.body(), new Planner.Inputs(now, cutoff, policy, exclusions, cluster.caller().id(),
                ledger.entries(cluster.clusterName())));
        return summarized(new RemediationReport(null, null, null, config.mode(), false, plan.exceedsMaxActions()
                ? exceeded(plan, false)
                : null, null, cutoff, policy, plan, List.of(), notes, null, null), restore);
    }

    private RemediationReport summarized(RemediationReport report, String restore) {
        return report.withSummary(RemediationSummary.of(report, restore, config.summaryLines()));
    }

    private static Plan plan(HygieneReport.Body body, Planner.Inputs inputs) {
        return Planner.plan(inputs, Stream.concat(body.stale().stream(), body.expiring().stream()).toList(),
                body.revoked());
    }

    private String restoreCommand(RegisteredCluster selected) {
        RestoreCommand.check(config.restoreCommand());
        return RestoreCommand.of(config.restoreCommand(), selected.isDefault() ? null : selected.name(), "<id>");
    }

    private static List<String> scopeNotes(RemediationPolicy policy) {
        return policy.scope().stated()
                ? List.of()
                : List.of("no remediation scope is set, so every candidate is held and an apply is refused: "
                        + policy.scope().unset());
    }

    private boolean applyAllowed() {
        return switch (config.mode()) {
            case "plan" -> false;
            case "apply" -> true;
            default -> throw new ConfigurationException("REMEDIATION_MODE must be plan or apply, got '"
                    + config.mode() + "'");
        };
    }

    /** {@code acting}: said of a run that acted (it did the follow-ups), else of a plan (an apply run would). */
    private static String exceeded(Plan plan, boolean acting) {
        int followUps = plan.actions() - plan.countedActions();
        return "the plan holds " + plan.countedActions() + " actions, more than maxActions " + plan.maxActions()
                + (followUps == 0
                        ? ": nothing was done"
                        : " (its " + followUps + " rotation follow-ups not counted): none of them was done, "
                                + (acting ? "only" : "an apply run would do only") + " the rotation follow-ups, "
                                + "which the person who rotated asked for")
                + ". A guard against a wrong clock or a cluster answering strangely: check the plan, then raise "
                + "REMEDIATION_MAX_ACTIONS or exclude tokens and run again";
    }
}
