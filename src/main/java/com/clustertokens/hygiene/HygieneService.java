package com.clustertokens.hygiene;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.clustertokens.cluster.ClusterTokenClient;
import com.clustertokens.cluster.ListQuery;
import com.clustertokens.cluster.TokenScope;
import com.clustertokens.error.ConfigurationException;
import com.clustertokens.error.DeliveryFailedException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The token hygiene report. Three list queries classify every token against the cutoff: active
 * ({@code from = cutoff - 1 ms}, i.e. last used at or after the cutoff, as the API's {@code from} is strict),
 * dormant ({@code to = cutoff}, last used before it) and the full list (whatever is in neither has no recorded
 * use). Stale tokens' metadata is read next; then the report is returned, its counts printed as metrics, and its
 * summary delivered to every configured sink.
 */
@ApplicationScoped
public class HygieneService {

    private static final Logger LOG = Logger.getLogger(HygieneService.class);

    private final ClusterTokenClient cluster;
    private final HygieneRequests requests;
    private final HygieneConfig config;
    private final SnsSink sns;
    private final SlackSink slack;
    private final ObjectMapper mapper;
    private final Clock clock = Clock.systemUTC();

    public HygieneService(ClusterTokenClient cluster, HygieneRequests requests, HygieneConfig config, SnsSink sns,
            SlackSink slack, ObjectMapper mapper) {
        this.cluster = cluster;
        this.requests = requests;
        this.config = config;
        this.sns = sns;
        this.slack = slack;
        this.mapper = mapper;
    }

    /** Builds, publishes and returns the report; throws {@link DeliveryFailedException} if any sink failed. */
    public HygieneReport run(JsonNode input) {
        checkConfig();
        HygieneRun run = requests.resolve(input);
        HygieneReport report = build(run);
        LOG.infof("Token hygiene report (%s):%n%s", run.trigger(), report.summary());
        HygieneMetrics.print(HygieneMetrics.line(mapper, report.clusterUrl(), report.counts(), clock.millis()));
        deliver(report.summary());
        return report;
    }

    private HygieneReport build(HygieneRun run) {
        try (Enrichment enrichment = new Enrichment(cluster, config.enrichConcurrency())) {
            return build(run, enrichment);
        }
    }

    private HygieneReport build(HygieneRun run, Enrichment enrichment) {
        int limit = config.listLimit();
        ListQuery all = new ListQuery(limit, run.user(), run.permissions(), null, null);
        long cutoff = run.cutoff().toEpochMilli();
        List<HygieneReport.QuerySent> queries = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int keep = config.reportLimit();
        Census.Sections sections = new Census.Sections(run.exclusions(), keep, config.enrichLimit(),
                enrichment::prefetch);
        Census census = classify(all, all.withFrom(cutoff - 1), all.withTo(cutoff), sections, queries, notes);
        queries.add(sent("all", all, census.total));

        List<Census.Candidate> candidates = census.candidates(keep);
        int enrichCount = Math.min(config.enrichLimit(), candidates.size());
        List<Enrichment.Enriched> enriched = enrichment.collect(candidates.subList(0, enrichCount));
        Findings findings = new Findings(census, enriched, candidates.subList(enrichCount, candidates.size()),
                run.cutoff(), run.now().plus(config.expiryHorizon()));
        notes.addAll(findings.notes);
        HygieneReport.Counts counts = findings.counts;

        boolean truncated = findings.unlisted() > 0 || census.excluded > census.excludedKept.size();
        boolean mayBeIncomplete = queries.stream().anyMatch(HygieneReport.QuerySent::reachedLimit);
        if (mayBeIncomplete) {
            notes.add("a list query returned exactly its limit of " + limit + " entries; the cluster may hold "
                    + "tokens the report never saw");
        }
        if (counts.unverified() > 0) {
            notes.add(counts.unverified() + " tokens with no recorded use are unverified: their creation time was not "
                    + "read (metadata limit HYGIENE_ENRICH_LIMIT " + config.enrichLimit() + ", or unreadable), so "
                    + "they are not reported as stale");
        }
        if (enrichCount < candidates.size() && counts.dormant() > 0) {
            notes.add("metadata read for " + enrichCount + " of " + candidates.size() + " candidates (limit "
                    + config.enrichLimit() + "); the dormant tokens past it show id and name only");
        }
        HygieneReport.Filters filters = new HygieneReport.Filters(run.user(),
                run.permissions().stream().map(TokenScope::wireName).toList(), run.exclusions().globs(),
                config.autoCreatedNames());
        HygieneReport draft = new HygieneReport(clock.instant().toString(), cluster.clusterUrl(), run.trigger(),
                run.now().toString(), run.cutoff().toString(),
                run.staleAfter() == null ? null : run.staleAfter().text(), filters, counts, findings.stale,
                findings.expiring, findings.revoked, census.excludedKept, exclusions(run.exclusions(), census),
                queries, notes, truncated, mayBeIncomplete, null);
        return draft.withSummary(Summary.of(draft, config.expiryHorizon(), config.summaryLines()));
    }

    /** How many tokens each exclusion removed: the cluster's own names (when any), then each pattern. */
    private static List<HygieneReport.Exclusion> exclusions(NamePatterns patterns, Census census) {
        List<HygieneReport.Exclusion> counts = new ArrayList<>();
        for (int rule = patterns.hasAutoCreated() ? 0 : 1; rule < patterns.rules(); rule++) {
            counts.add(new HygieneReport.Exclusion(patterns.reason(rule), census.excludedBy[rule]));
        }
        return counts;
    }

    private void deliver(String summary) {
        List<String> failed = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        if (config.snsTopicArn().isPresent()) {
            try {
                sns.publish(config.snsTopicArn().get(), summary);
            } catch (SinkFailure e) {
                failed.add("sns");
                reasons.add("sns: " + e.getMessage());
            }
        }
        if (slack.enabled()) {
            try {
                slack.post(summary);
            } catch (SinkFailure e) {
                failed.add("slack");
                reasons.add("slack: " + e.getMessage());
            }
        }
        if (!failed.isEmpty()) {
            DeliveryFailedException failure = new DeliveryFailedException(failed, reasons);
            LOG.error(failure.getMessage());
            throw failure;
        }
    }

    private void checkConfig() {
        List<String> problems = new ArrayList<>();
        if (StalePeriod.parseOrNull(config.staleAfter()) == null) {
            problems.add("HYGIENE_STALE_AFTER: '" + config.staleAfter() + "' " + StalePeriod.RULE);
        }
        if (config.enrichLimit() < 0) {
            problems.add("HYGIENE_ENRICH_LIMIT must not be negative");
        }
        if (config.enrichConcurrency() < 1 || config.enrichConcurrency() > 64) {
            problems.add("HYGIENE_ENRICH_CONCURRENCY must be between 1 and 64");
        }
        if (config.expiryHorizon().isNegative()) {
            problems.add("HYGIENE_EXPIRY_HORIZON must not be negative");
        }
        if (config.listLimit() < 1 || config.listLimit() > ListQuery.MAX_LIMIT) {
            problems.add("HYGIENE_LIST_LIMIT must be between 1 and " + ListQuery.MAX_LIMIT);
        }
        if (config.reportLimit() < 1) {
            problems.add("HYGIENE_REPORT_LIMIT must be at least 1");
        }
        if (config.summaryLines() < 0) {
            problems.add("HYGIENE_SUMMARY_LINES must not be negative");
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(String.join("; ", problems));
        }
    }

    /**
     * Classifies every token of the full list against the active and dormant lists, noting the queries sent. The
     * three lists are read at once; the full one is classified while the other two still fill, by walking them in
     * step (see IdSequence), so on two cores the downloads and the parsing overlap.
     */
    private Census classify(ListQuery all, ListQuery activeQuery, ListQuery dormantQuery, Census.Sections sections,
            List<HygieneReport.QuerySent> queries, List<String> notes) {
        IdSequence active = new IdSequence();
        IdSequence dormant = new IdSequence();
        Census census;
        List<IdSequence> used;
        try (Parallel.Running<IdSequence> reading = Parallel.start("stale-tokens-list", 2, List.of(
                fill(activeQuery, active), fill(dormantQuery, dormant)))) {
            census = cluster.scan(all, () -> Census.inListOrder(active, dormant, sections));
            used = reading.results();
        }
        queries.add(sent("active", activeQuery, used.get(0).size()));
        queries.add(sent("dormant", dormantQuery, used.get(1).size()));
        if (!census.exact()) {
            LOG.infof("The full list did not follow the order of the active and dormant lists, or tokens changed "
                    + "between the queries: reading it again to classify each token by lookup");
            IdSet activeSet = used.get(0).toSet();
            IdSet dormantSet = used.get(1).toSet();
            census = cluster.scan(all, () -> Census.byLookup(activeSet, dormantSet, sections));
            notes.add("the full list was read twice: its order differed from the filtered lists', or tokens "
                    + "changed while the report ran");
        }
        return census;
    }

    /** Reads one filtered list into {@code first} (or, on a retry, a fresh sequence), finished when complete. */
    private Callable<IdSequence> fill(ListQuery query, IdSequence first) {
        return cluster.carryingDeadline(() -> {
            try {
                IdSequence filled = cluster.scanIds(query, IdSequence.attempts(first));
                filled.finish();
                return filled;
            } finally {
                first.abandon(); // no-op once finished; releases the census if this call failed
            }
        });
    }

    private static HygieneReport.QuerySent sent(String purpose, ListQuery query, long returned) {
        return new HygieneReport.QuerySent(purpose, query.from(), query.to(), query.effectiveLimit(), returned,
                returned >= query.effectiveLimit());
    }
}
