package com.clustertokens.hygiene;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.clustertokens.cluster.ClusterClients;
import com.clustertokens.cluster.ClusterTokenClient;
import com.clustertokens.cluster.ListQuery;
import com.clustertokens.error.DeliveryFailedException;
import com.clustertokens.hygiene.census.ExpiryRules;
import com.clustertokens.hygiene.census.TokenCensus;
import com.clustertokens.hygiene.delivery.Deliveries;
import com.clustertokens.hygiene.page.RemediationSection;
import com.clustertokens.hygiene.page.ReportFiles;
import com.clustertokens.hygiene.report.HygieneMetrics;
import com.clustertokens.hygiene.report.HygieneReport;
import com.clustertokens.hygiene.report.ReportContributor;
import com.clustertokens.hygiene.report.ReportSection;
import com.clustertokens.hygiene.report.Summary;
import com.clustertokens.logging.EmbeddedMetrics;
import com.clustertokens.logging.LogFields;
import com.clustertokens.security.Secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The token hygiene report: the cluster's tokens classified ({@link TokenCensus}), the report built from its
 * sections, its counts printed as metrics, and its summary delivered to every configured sink.
 */
@ApplicationScoped
public class HygieneService {

    private static final Logger LOG = Logger.getLogger(HygieneService.class);

    /** The log field naming a scheduled run (its schedule's time or event): the same on every retry of the run. */
    public static final String RUN_ID = "runId";

    private final ClusterClients clients;
    private final HygieneRequests requests;
    private final HygieneConfig config;
    private final TokenCensus census;
    private final Deliveries deliveries;
    private final ObjectMapper mapper;
    private final Iterable<ReportContributor> contributors;
    private final Clock clock = Clock.systemUTC();

    @Inject
    public HygieneService(ClusterClients clients, HygieneRequests requests, HygieneConfig config,
            TokenCensus census, Deliveries deliveries, ObjectMapper mapper, Instance<ReportContributor> contributors) {
        this(clients, requests, config, census, deliveries, mapper, (Iterable<ReportContributor>) contributors);
    }

    /** A service with the report sections of {@code contributors} only (SnapStart priming: none). */
    public HygieneService(ClusterClients clients, HygieneRequests requests, HygieneConfig config,
            TokenCensus census, Deliveries deliveries, ObjectMapper mapper, Iterable<ReportContributor> contributors) {
        this.clients = clients;
        this.requests = requests;
        this.config = config;
        this.census = census;
        this.deliveries = deliveries;
        this.mapper = mapper;
        this.contributors = contributors;
    }

    /**
     * Throws {@link DeliveryFailedException} if any sink failed. A retry of an identified run whose summary an earlier
     * attempt kept sends that summary to the sinks still waiting, without reading the cluster again.
     */
    public HygieneReport run(JsonNode input) {
        return inRun(requests.bind(input), (cluster, run) -> {
            String runKey = run.key(cluster.scope(cluster.clusterUrl()), config.autoCreatedNames());
            Optional<String> earlier = deliveries.earlierSummary(runKey);
            HygieneReport report;
            if (earlier.isPresent()) {
                LOG.infof("%s was reported by an earlier attempt: its summary goes to the sinks still waiting for "
                        + "it, and the cluster is not read again", run.id());
                report = replay(cluster, run, earlier.get());
            } else {
                report = fresh(cluster, run);
                config.pageDirectory().ifPresent(directory -> writePage(Path.of(directory), report));
            }
            return report.withDeliveries(deliveries.deliver(runKey, run.trigger(), report.summary()));
        });
    }

    /** The report, sent nowhere: the fleet's per-cluster step, whose last step sends one summary for every cluster. */
    public HygieneReport report(StaleTokensRequest request) {
        return inRun(new HygieneRequests.Bound(request, null), this::fresh);
    }

    private HygieneReport inRun(HygieneRequests.Bound input,
            BiFunction<ClusterTokenClient, HygieneRun, HygieneReport> work) {
        return clients.within(input.request().cluster(), cluster -> {
            HygieneRun run = requests.resolve(input, HygieneSettings.forCluster(config, cluster.cluster()));
            return run.id() == null
                    ? work.apply(cluster, run)
                    : LogFields.with(RUN_ID, run.id(), () -> work.apply(cluster, run));
        });
    }

    private HygieneReport fresh(ClusterTokenClient cluster, HygieneRun run) {
        HygieneReport report = build(cluster, run);
        LOG.infof("Token hygiene report (%s):%n%s", run.trigger(), report.summary());
        EmbeddedMetrics.print(HygieneMetrics.line(mapper, report.heading().clusterUrl(), report.body().counts(),
                report.body().expiry(), clock.millis()));
        return report;
    }

    /** Writes the report's page, CSV and JSON (local runs); a folder that cannot be written costs no delivery. */
    private void writePage(Path directory, HygieneReport report) {
        try {
            ReportFiles.Written files = ReportFiles.write(directory, report, RemediationSection.of(report, mapper),
                    mapper);
            LOG.infof("Report page: %s%nStale tokens CSV: %s%nReport JSON: %s", files.page().toAbsolutePath(),
                    files.csv().toAbsolutePath(), files.json().toAbsolutePath());
        } catch (UncheckedIOException e) {
            LOG.warnf("%s (%s)", e.getMessage(), e.getCause());
        }
    }

    /** The report of a retry: the earlier attempt's summary; its sections and counts are in that attempt's log. */
    private HygieneReport replay(ClusterTokenClient cluster, HygieneRun run, String summary) {
        return new HygieneReport(heading(cluster, run), HygieneReport.Body.notRead("an earlier attempt of this run "
                + "built the report; its summary is sent to the sinks that did not get it yet, and the cluster was not "
                + "read again")).withSummary(summary);
    }

    private HygieneReport build(ClusterTokenClient cluster, HygieneRun run) {
        ListQuery all = new ListQuery(config.listLimit(), run.user(), run.permissions(), null, null);
        TokenCensus.Result result = census.take(cluster, all, run.cutoff(), run.now().plus(config.expiryHorizon()),
                run.exclusions(), new TokenCensus.Limits(config.reportLimit(), config.enrichLimit(),
                        config.enrichConcurrency()), config.lastUseHistogram() ? run.now() : null,
                config.expiryScanLimit() == 0
                        ? null
                        : new ExpiryRules(run.now(), config.expiryWarning(), config.rotateAfter(),
                                config.expiryScanLimit(), config.expiryScanReserve()));
        HygieneReport.Body body = result.body();
        if (body.expiry() != null) {
            // The cluster's name only where rotate-token needs it to pick the cluster: a fleet's registry.
            body = body.withExpiry(body.expiry().withRotateCommands(cluster.cluster().isDefault()
                    ? null
                    : cluster.clusterName()));
        }
        HygieneReport report = new HygieneReport(heading(cluster, run), body);
        report = report.withSummary(Summary.of(report, config.expiryHorizon(), config.summaryLines()));
        return withContributions(cluster, report);
    }

    private HygieneReport withContributions(ClusterTokenClient cluster, HygieneReport report) {
        Map<String, Object> sections = new LinkedHashMap<>();
        StringBuilder summary = new StringBuilder(report.summary());
        for (ReportContributor contributor : contributors) {
            ReportSection section;
            try {
                section = contributor.sectionFor(cluster, report).orElse(null);
            } catch (RuntimeException e) {
                // A contributor reports its own trouble; this is the net under one that did not.
                LOG.warnf("A report section failed (%s): the report goes out without it", e);
                summary.append("\nNote: a report section could not be added (").append(Secrets.mask(String.valueOf(e)))
                        .append(')');
                continue;
            }
            if (section != null) {
                sections.put(section.name(), section.content());
                if (section.summary() != null && !section.summary().isBlank()) {
                    summary.append("\n\n").append(section.summary().strip());
                }
            }
        }
        return report.withSections(sections).withSummary(summary.toString());
    }

    private HygieneReport.Heading heading(ClusterTokenClient cluster, HygieneRun run) {
        return new HygieneReport.Heading(clock.instant(), cluster.clusterName(), cluster.clusterUrl(), run.trigger(),
                run.now(), run.cutoff(), run.staleAfter(), new HygieneReport.Filters(run.user(),
                        run.permissionNames(), run.exclusions().globs(), config.autoCreatedNames()));
    }
}
