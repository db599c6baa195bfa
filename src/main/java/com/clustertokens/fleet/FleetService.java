package com.clustertokens.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.clustertokens.cluster.ClusterRegistry;
import com.clustertokens.error.ConfigurationException;
import com.clustertokens.hygiene.HygieneService;
import com.clustertokens.hygiene.StaleTokensRequest;
import com.clustertokens.hygiene.delivery.Deliveries;
import com.clustertokens.hygiene.page.FleetIndexPage;
import com.clustertokens.hygiene.page.PreviousReport;
import com.clustertokens.hygiene.page.RemediationSection;
import com.clustertokens.hygiene.page.ReportPage;
import com.clustertokens.hygiene.page.StaleCsv;
import com.clustertokens.hygiene.report.HygieneReport;
import com.clustertokens.lambda.RequestReader;
import com.clustertokens.logging.EmbeddedMetrics;
import com.clustertokens.remediation.RemediationConfig;
import com.clustertokens.remediation.RestoreCommand;
import com.clustertokens.remediation.RunOutcome;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The steps of a fleet run, as the state machine and {@link FleetRun} call them: each cluster's report, returned as
 * counts and its key (never the report: Step Functions' payload limit), then one summary sent once per run.
 */
@ApplicationScoped
public class FleetService {

    private static final Logger LOG = Logger.getLogger(FleetService.class);
    private static final DateTimeFormatter RUN_FOLDER = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    static final String JSON = "application/json";
    static final String HTML = "text/html; charset=utf-8";

    private final HygieneService hygiene;
    private final Deliveries deliveries;
    private final Reports reports;
    private final RequestReader reader;
    private final ObjectMapper mapper;
    private final ClusterRegistry registry;
    private final FleetConfig config;
    private final RemediationConfig remediation;
    private final Clock clock = Clock.systemUTC();

    public FleetService(HygieneService hygiene, Deliveries deliveries, Reports reports, RequestReader reader,
            ObjectMapper mapper, ClusterRegistry registry, FleetConfig config, RemediationConfig remediation) {
        this.remediation = remediation;
        this.registry = registry;
        this.config = config;
        this.hygiene = hygiene;
        this.deliveries = deliveries;
        this.reports = reports;
        this.reader = reader;
        this.mapper = mapper;
    }

    /** One cluster's step; a retry writes the same objects again. */
    public ClusterOutcome reportCluster(JsonNode input) {
        FleetRequests.Report request = FleetRequests.report(reader, input);
        RemediationStep tonight = request.remediation();
        HygieneReport report = hygiene.report(StaleTokensRequest.scheduled(request.cluster(), request.scheduledTime()));
        String cluster = report.heading().cluster();
        String folder = reports.prefix() + runId(report.heading().now()) + "/";
        String key = folder + cluster + ".json";
        String page = folder + cluster + ".html";
        String csv = cluster + ".stale.csv";
        String latest = reports.prefix() + "latest/" + cluster + ".json";
        HygieneReport previous = previous(latest);
        reports.put(key, JSON, bytes(report));
        reports.put(folder + csv, "text/csv; charset=utf-8", StaleCsv.of(report).getBytes(StandardCharsets.UTF_8));
        // The page masks every JSON "token" field, so it shows tonight's actions but no restore payload: the chat does.
        reports.put(page, HTML, ReportPage.render(new ReportPage.Input(report, previous, RemediationSection.of(report,
                tonight == null ? null : tonight.forPage(mapper), mapper), csv)).getBytes(StandardCharsets.UTF_8));
        reports.put(latest, JSON, bytes(report));
        LOG.infof("Report of cluster %s written: %s", cluster, reports.link(page));
        return ClusterOutcome.reported(cluster, report.body().counts(), key, page, FleetText.described(
                RemediationStep.told(tonight), mapper), report.body().expiry() == null
                        ? null
                        : report.body().expiry().counts());
    }

    /** The cluster's report of the run before, for its page's "change since"; null when there is none to read. */
    private HygieneReport previous(String latest) {
        try {
            Optional<byte[]> json = reports.find(latest);
            return json.isEmpty() ? null : PreviousReport.read(mapper, new String(json.get(), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            LOG.warnf("The previous report %s could not be read (%s): the page shows no change since it", latest,
                    e instanceof IOException ? e.getMessage() : e);
            return null;
        }
    }

    public FleetPlan plan(JsonNode input) {
        JsonNode scheduled = input == null ? null : input.get("scheduledTime");
        Instant at = scheduled == null || scheduled.isNull()
                ? clock.instant()
                : reader.read(input, FleetPlan.Request.class).scheduledTime().toInstant();
        if (config.mapConcurrency() < 1 || config.mapConcurrency() > 40) {
            throw new ConfigurationException("FLEET_MAP_CONCURRENCY must be between 1 and 40 (an inline Map state's "
                    + "limit), got " + config.mapConcurrency());
        }
        return new FleetPlan(at, registry.names(), config.mapConcurrency(), "apply".equals(remediation.mode()));
    }

    /** The last step; throws {@link com.clustertokens.error.DeliveryFailedException} if a sink failed. */
    public FleetSummary summarize(JsonNode input) {
        FleetRequests.Summary request = FleetRequests.summary(reader, input, reports.prefix());
        Instant scheduled = request.scheduledTime().toInstant();
        String runId = runId(scheduled);
        List<FleetSummary.Line> lines = new ArrayList<>();
        List<HygieneReport.Counts> counted = new ArrayList<>();
        List<FleetIndexPage.Entry> index = new ArrayList<>();
        int failed = 0;
        HygieneReport.ExpiryCounts expiry = null;
        // FleetRequests checked each result: a reported one has its counts and the keys fleet-report wrote.
        for (ClusterOutcome outcome : request.results()) {
            RunOutcome remediated = FleetText.described(outcome.remediation(), mapper);
            if (outcome.isReported()) {
                counted.add(outcome.counts());
                expiry = outcome.expiry() == null ? expiry : outcome.expiry().plus(expiry);
                lines.add(new FleetSummary.Line(outcome.cluster(), outcome.status(), outcome.stale(),
                        outcome.counts().total(), outcome.reportKey(), reports.link(outcome.pageKey()), null,
                        remediated, outcome.expiry()));
                index.add(FleetIndexPage.Entry.reported(outcome.cluster(), outcome.counts(), outcome.expiry(),
                        outcome.cluster() + ".html"));
            } else {
                failed++;
                String why = FleetErrors.describe(outcome.errorType(), outcome.error(), mapper);
                lines.add(new FleetSummary.Line(outcome.cluster(), ClusterOutcome.FAILED, null, null, null, null,
                        why, remediated, null));
                index.add(FleetIndexPage.Entry.failed(outcome.cluster(), why));
            }
        }
        HygieneReport.Counts totals = FleetText.total(counted);
        String indexKey = reports.prefix() + runId + "/index.json";
        String indexPage = reports.prefix() + runId + "/index.html";
        String text = lines.size() == 1 && failed == 0
                ? single(lines.get(0))
                : FleetText.summary(runId, lines, totals, expiry, reports.link(indexPage), RestoreCommand.of(
                        remediation.restoreCommand(), "<cluster>", "<id>"));
        FleetSummary summary = new FleetSummary(runId, scheduled, counted.size(), failed, totals.dormant() + totals
                .noRecordedUse(), totals, expiry, lines, indexKey, text, null);
        reports.put(indexKey, JSON, bytes(summary));
        reports.put(indexPage, HTML, FleetIndexPage.render(runId, clock.instant(), index).getBytes(
                StandardCharsets.UTF_8));
        LOG.infof("Fleet run %s:%n%s", runId, text);
        EmbeddedMetrics.print(FleetSummary.metricsLine(mapper, counted.size(), failed, clock.millis()));
        return summary.withDeliveries(deliveries.deliver("fleet/" + runId, "fleet run " + runId, text));
    }

    /** A fleet of one reads as the single cluster's report always did: its own summary, and where the report is. */
    private String single(FleetSummary.Line line) {
        try {
            JsonNode report = mapper.readTree(reports.get(line.reportKey()));
            StringBuilder text = new StringBuilder(report.path("summary").asText()).append('\n');
            FleetText.lines(line.remediation()).forEach(l -> text.append(l).append('\n'));
            return text.append("Report: ").append(line.link()).toString();
        } catch (IOException e) {
            throw new IllegalStateException("the report just written is JSON", e);
        }
    }

    /** The run's identity and folder name: its scheduled time, to the second, safe in keys and file names. */
    static String runId(Instant scheduled) {
        return RUN_FOLDER.format(scheduled);
    }

    private byte[] bytes(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report always serialises", e);
        }
    }
}
