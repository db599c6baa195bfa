package com.clustertokens.fleet;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.clustertokens.cluster.ClusterRegistry;
import com.clustertokens.cluster.RegisteredCluster;
import com.clustertokens.error.ConfigurationException;
import com.clustertokens.error.InvalidInputException;
import com.clustertokens.hygiene.HygieneService;
import com.clustertokens.hygiene.delivery.Deliveries;
import com.clustertokens.hygiene.report.HygieneReport;
import com.clustertokens.json.RequestReader;
import com.clustertokens.remediation.RemediationConfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The two steps of a fleet run, as the state machine calls them and as {@link FleetRun} calls them in process: one
 * cluster's report, written where reports go and returned as counts and its key; then one summary of every cluster,
 * written as the run's index and sent to the report sinks once per run.
 */
@ApplicationScoped
public class FleetService {

    private static final Logger LOG = Logger.getLogger(FleetService.class);
    private static final DateTimeFormatter RUN_FOLDER = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    static final String JSON = "application/json";

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

    /**
     * One cluster's step: its stale-tokens report (input as stale-tokens takes it: {@code cluster},
     * {@code scheduledTime} …), written under the run's folder; a retry writes the same object again.
     */
    public ClusterOutcome reportCluster(JsonNode input) {
        HygieneReport report = hygiene.report(input);
        HygieneReport.Heading heading = report.heading();
        String key = reports.prefix() + runId(heading.now()) + "/" + heading.cluster() + ".json";
        reports.store().put(key, JSON, bytes(report));
        LOG.infof("Report of cluster %s written to %s", heading.cluster(), reports.store().link(key));
        return ClusterOutcome.reported(heading.cluster(), report.body().counts(), key);
    }

    /** The first step: which clusters the run reports, and its scheduled time (now, when it has none). */
    public FleetPlan plan(JsonNode input) {
        JsonNode scheduled = input == null ? null : input.get("scheduledTime");
        Instant at = scheduled == null || scheduled.isNull()
                ? clock.instant()
                : reader.read(input, FleetPlan.Request.class).scheduledTime().toInstant();
        if (config.mapConcurrency() < 1 || config.mapConcurrency() > 40) {
            throw new ConfigurationException("FLEET_MAP_CONCURRENCY must be between 1 and 40 (an inline Map state's "
                    + "limit), got " + config.mapConcurrency());
        }
        return new FleetPlan(at, registry.clusters().stream().map(RegisteredCluster::name).toList(),
                config.mapConcurrency(), "apply".equals(remediation.mode()));
    }

    /**
     * The last step: one summary of the run, a line per cluster (failed ones with why) and the totals, written as the
     * run's index and delivered; throws {@link com.clustertokens.error.DeliveryFailedException} if a sink failed.
     */
    public FleetSummary summarize(JsonNode input) {
        FleetSummaryRequest request = reader.read(input, FleetSummaryRequest.class);
        if (request.results() == null || request.results().isEmpty()) {
            throw new InvalidInputException("results: the per-cluster results of the run are required");
        }
        Instant scheduled = request.scheduledTime() == null ? clock.instant() : request.scheduledTime().toInstant();
        String runId = runId(scheduled);
        List<FleetSummary.Line> lines = new ArrayList<>();
        List<HygieneReport.Counts> counted = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < request.results().size(); i++) {
            ClusterOutcome outcome = request.results().get(i);
            if (outcome == null || outcome.cluster() == null) {
                throw new InvalidInputException("results[" + i + "].cluster: is required");
            }
            if (outcome.isReported()) {
                counted.add(outcome.counts());
                lines.add(new FleetSummary.Line(outcome.cluster(), outcome.status(), outcome.stale(),
                        outcome.counts().total(), outcome.reportKey(), outcome.reportKey() == null
                                ? null
                                : reports.store().link(outcome.reportKey()), null));
            } else {
                failed++;
                lines.add(new FleetSummary.Line(outcome.cluster(), ClusterOutcome.FAILED, null, null, null, null,
                        FleetErrors.describe(outcome, mapper)));
            }
        }
        HygieneReport.Counts totals = FleetText.total(counted);
        String indexKey = reports.prefix() + runId + "/index.json";
        String text = lines.size() == 1 && failed == 0
                ? single(lines.get(0))
                : FleetText.summary(runId, lines, totals, reports.store().link(indexKey));
        FleetSummary summary = new FleetSummary(runId, scheduled, counted.size(), failed, totals.dormant() + totals
                .noRecordedUse(), totals, lines, indexKey, text, null);
        reports.store().put(indexKey, JSON, bytes(summary));
        LOG.infof("Fleet run %s:%n%s", runId, text);
        return summary.withDeliveries(deliveries.deliver("fleet/" + runId, "fleet run " + runId, text));
    }

    /** A fleet of one reads as the single cluster's report always did: its own summary, and where the report is. */
    private String single(FleetSummary.Line line) {
        try {
            JsonNode report = mapper.readTree(reports.store().get(line.reportKey()));
            return report.path("summary").asText() + "\nReport: " + line.link();
        } catch (java.io.IOException e) {
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
