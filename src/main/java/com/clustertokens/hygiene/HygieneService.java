package com.clustertokens.hygiene;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    private final Deliveries deliveries;
    private final ObjectMapper mapper;
    private final Clock clock = Clock.systemUTC();

    public HygieneService(ClusterTokenClient cluster, HygieneRequests requests, HygieneConfig config,
            Deliveries deliveries, ObjectMapper mapper) {
        this.cluster = cluster;
        this.requests = requests;
        this.config = config;
        this.deliveries = deliveries;
        this.mapper = mapper;
    }

    /**
     * Builds, publishes and returns the report; throws {@link DeliveryFailedException} if any sink failed. A retry
     * of an identified run whose summary an earlier attempt kept sends that summary to the sinks still waiting,
     * without reading the cluster again.
     */
    public HygieneReport run(JsonNode input) {
        checkConfig();
        HygieneRun run = requests.resolve(input);
        String runKey = RunRecord.key(run, cluster.clusterUrl(), config);
        Optional<String> earlier = deliveries.earlierSummary(runKey);
        HygieneReport report;
        if (earlier.isPresent()) {
            LOG.infof("%s was reported by an earlier attempt: its summary goes to the sinks still waiting for it, "
                    + "and the cluster is not read again", run.id());
            report = replay(run, earlier.get());
        } else {
            report = build(run);
            LOG.infof("Token hygiene report (%s):%n%s", run.trigger(), report.summary());
            HygieneMetrics.print(HygieneMetrics.line(mapper, report.clusterUrl(), report.counts(), clock.millis()));
        }
        return report.withDeliveries(deliveries.deliver(runKey, run.trigger(), report.summary()));
    }

    /** The report of a retry: the earlier attempt's summary; its sections and counts are in that attempt's log. */
    private HygieneReport replay(HygieneRun run, String summary) {
        return new HygieneReport(clock.instant().toString(), cluster.clusterUrl(), run.trigger(), run.now().toString(),
                run.cutoff().toString(), run.staleAfter() == null ? null : run.staleAfter().text(), filters(run), null,
                null, null, null, null, null, null, List.of("an earlier attempt of this run built the report; its "
                        + "summary is sent to the sinks that did not get it yet, and the cluster was not read again"),
                false, false, null, summary);
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
        HygieneReport.Filters filters = filters(run);
        HygieneReport draft = new HygieneReport(clock.instant().toString(), cluster.clusterUrl(), run.trigger(),
                run.now().toString(), run.cutoff().toString(),
                run.staleAfter() == null ? null : run.staleAfter().text(), filters, counts, findings.stale,
                findings.expiring, findings.revoked, census.excludedKept, exclusions(run.exclusions(), census),
                queries, notes, truncated, mayBeIncomplete, null, null);
        return draft.withSummary(Summary.of(draft, config.expiryHorizon(), config.summaryLines()));
    }

    private HygieneReport.Filters filters(HygieneRun run) {
        return new HygieneReport.Filters(run.user(), run.permissions().stream().map(TokenScope::wireName).toList(),
                run.exclusions().globs(), config.autoCreatedNames());
    }

    /** How many tokens each exclusion removed: the cluster's own names (when any), then each pattern. */
    private static List<HygieneReport.Exclusion> exclusions(NamePatterns patterns, Census census) {
        List<HygieneReport.Exclusion> counts = new ArrayList<>();
        for (int rule = patterns.hasAutoCreated() ? 0 : 1; rule < patterns.rules(); rule++) {
            counts.add(new HygieneReport.Exclusion(patterns.reason(rule), census.excludedBy[rule]));
        }
        return counts;
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
