package com.clustertokens.hygiene.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.clustertokens.error.WireName;
import com.clustertokens.security.Masked;
import com.clustertokens.security.Secrets;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * What stale-tokens returns: the run's {@link Heading}, the {@link Body} of what its census found, the
 * {@code sections} other features add to it (by {@link ReportContributor}, keyed by section name), what each sink
 * got, and the chat summary. Times are {@link Instant}s, written as ISO-8601 UTC instants by the JSON writer; the
 * JSON is one flat object, its fields in the order declared here. Names, owners and other texts this code did not
 * write are written {@link Masked} (as the page shows them), ids exactly.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HygieneReport(@JsonUnwrapped Heading heading, @JsonUnwrapped Body body,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> sections, List<Delivery> deliveries,
        String summary) {

    public HygieneReport(Heading heading, Body body) {
        this(heading, body, Map.of(), null, null);
    }

    public HygieneReport withSummary(String text) {
        return new HygieneReport(heading, body, sections, deliveries, text);
    }

    public HygieneReport withDeliveries(List<Delivery> outcomes) {
        return new HygieneReport(heading, body, sections, outcomes, summary);
    }

    public HygieneReport withSections(Map<String, Object> added) {
        return new HygieneReport(heading, body, added, deliveries, summary);
    }

    /**
     * What the run was: {@code now} its reference time, {@code cutoff} (a token last used at or after it is active),
     * {@code staleAfter} the period they are apart (absent for an explicit from/to window).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Heading(Instant generatedAt, String cluster, String clusterUrl, @Masked String trigger, Instant now,
            Instant cutoff, StalePeriod staleAfter, Filters filters) {
    }

    /**
     * What the census found. {@code lastUseAge}: every listed token by how long ago it was last used (absent when
     * not taken). {@code stale} lists live stale tokens, oldest use first (never used first);
     * {@code expiring} and {@code revoked} are stale tokens set apart by their metadata. {@code exclusions}: how many
     * tokens each exclusion removed. {@code truncated}: a section lists fewer entries than it counts.
     * {@code mayBeIncomplete}: a list query returned exactly its limit, so the cluster may hold tokens the report
     * never saw. On a replayed run only {@code notes} is present (and both flags false).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Body(Counts counts, LastUseAges lastUseAge, List<StaleToken> stale, List<StaleToken> expiring,
            List<StaleToken> revoked, List<ExcludedToken> excluded, List<Exclusion> exclusions,
            List<QuerySent> queries, @Masked List<String> notes, boolean truncated, boolean mayBeIncomplete,
            Expiry expiry) {

        /** A body without the expiry scan (remediation's census, a replayed or older report). */
        public Body(Counts counts, LastUseAges lastUseAge, List<StaleToken> stale, List<StaleToken> expiring,
                List<StaleToken> revoked, List<ExcludedToken> excluded, List<Exclusion> exclusions,
                List<QuerySent> queries, List<String> notes, boolean truncated, boolean mayBeIncomplete) {
            this(counts, lastUseAge, stale, expiring, revoked, excluded, exclusions, queries, notes, truncated,
                    mayBeIncomplete, null);
        }

        public Body withExpiry(Expiry scanned) {
            return new Body(counts, lastUseAge, stale, expiring, revoked, excluded, exclusions, queries, notes,
                    truncated, mayBeIncomplete, scanned);
        }

        /** The body of a run that did not read the cluster: only why, in {@code notes}. */
        public static Body notRead(String why) {
            return new Body(null, null, null, null, null, null, null, null, List.of(why), false, false);
        }
    }

    /**
     * Every listed token's expiry, from its metadata: {@code read} tokens were read; {@code notRead} were not (past
     * HYGIENE_EXPIRY_SCAN_LIMIT, out of time before the deadline, or unreadable), named in {@code unread} up to the
     * report limit and never guessed. {@code expiringInUse}: expires after {@code now} and at or before
     * {@code warnBy}, last used at or after the cutoff, soonest first. {@code expired}: expired, still listed.
     * {@code neverExpires}: counted only (a policy finding). {@code rotationDue}: in use and created at or before
     * {@code rotateBy}, oldest first. Revoked tokens and tokens deleted meanwhile are in none of these.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Expiry(Instant warnBy, Instant rotateBy, long read, long notRead, long expiringInUseCount,
            long expiredCount, long neverExpires, long rotationDueCount, List<StaleToken> expiringInUse,
            List<StaleToken> expired, List<StaleToken> rotationDue, List<Unread> unread) {

        /**
         * The same with each rotation-due token's {@code rotate} command; {@code cluster} named first in it, null for
         * the single cluster (whose rotate-token takes no cluster).
         */
        public Expiry withRotateCommands(String cluster) {
            List<StaleToken> due = rotationDue.stream().map(t -> t.withRotate(StaleToken.rotateCommand(cluster,
                    t.id()))).toList();
            return new Expiry(warnBy, rotateBy, read, notRead, expiringInUseCount, expiredCount, neverExpires,
                    rotationDueCount, expiringInUse, expired, due, unread);
        }

        /** The scan in counts, as a fleet run carries it for each cluster (Step Functions' payload is small). */
        public ExpiryCounts counts() {
            return new ExpiryCounts(expiringInUseCount, expiredCount, neverExpires, rotationDueCount, notRead);
        }
    }

    /** An expiry scan's counts, or their sum over a fleet's clusters. */
    public record ExpiryCounts(long expiringInUse, long expired, long neverExpires, long rotationDue, long notRead) {

        public ExpiryCounts plus(ExpiryCounts other) {
            return other == null
                    ? this
                    : new ExpiryCounts(expiringInUse + other.expiringInUse, expired + other.expired,
                            neverExpires + other.neverExpires, rotationDue + other.rotationDue, notRead
                                    + other.notRead);
        }

        /** "2 expiring soon and in use · 1 expired · …", zeros left out; empty when all are zero. */
        public String describe() {
            List<String> parts = new java.util.ArrayList<>();
            add(parts, expiringInUse, "expiring soon and in use");
            add(parts, expired, "expired");
            add(parts, neverExpires, "never expire");
            add(parts, rotationDue, "due for rotation");
            add(parts, notRead, "expiry not read");
            return String.join(" · ", parts);
        }

        private static void add(List<String> parts, long count, String label) {
            if (count > 0) {
                parts.add(count + " " + label);
            }
        }
    }

    /** A token whose expiry was not read, and why. */
    public record Unread(String id, @Masked String name, @Masked String reason) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Filters(@Masked String user, List<String> permissions, @Masked List<String> exclude,
            List<String> autoCreatedNames) {
    }

    /**
     * Tokens per class: {@code total} = active + dormant + noRecordedUse + newUnused + unverified + excluded +
     * deleted. Stale = dormant + noRecordedUse (no recorded use, created before the cutoff). {@code newUnused}: no
     * recorded use, created at or after the cutoff (not stale). {@code unverified}: no recorded use, creation time
     * not read (past the metadata limit, or unreadable), so never shown as stale. {@code deleted}: deleted while the
     * report ran. {@code enriched} metadata reads were made; {@code revoked} and {@code expiring} count among the
     * stale tokens, {@code unreadable} among the reads that failed (other than 404).
     */
    public record Counts(long total, long active, long dormant, long noRecordedUse, long newUnused, long unverified,
            long excluded, long deleted, long enriched, long revoked, long expiring, long unreadable) {
    }

    /**
     * Every listed token (excluded ones too) by the age of its last use at the run's {@code now}: used within 7 days,
     * 7 to 30, 30 to 90, 90 to 180, 180 to 365 days ago, over a year ago, or never (no recorded use). Each bound
     * belongs to the younger bucket, as the cutoff does to active: a token last used exactly 7 days ago is under 7
     * days. The buckets add up to the tokens the full list returned: counted in the census's own walk of its active
     * and dormant lists, asked in pieces cut at the bounds, so a token used while they are read counts once, in the
     * bucket of the piece that listed it.
     */
    public record LastUseAges(long under7Days, long from7To30Days, long from30To90Days, long from90To180Days,
            long from180To365Days, long overAYear, long never) {

        /** The bounds between the buckets, in days before {@code now}, youngest first. */
        public static final List<Integer> BOUNDS_IN_DAYS = List.of(7, 30, 90, 180, 365);

        public List<Long> asList() {
            return List.of(under7Days, from7To30Days, from30To90Days, from90To180Days, from180To365Days, overAYear,
                    never);
        }
    }

    /**
     * A stale token. {@code status}: dormant (last used before the cutoff) or noRecordedUse (in neither query,
     * created before the cutoff). {@code owner}, {@code lastUse}, {@code created}, {@code expires} are present only
     * when its metadata was read (always for noRecordedUse: its creation time is what makes it stale).
     * {@code rotate}: on a token due for rotation, the rotate-token command that rotates it.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StaleToken(String id, @Masked String name, String status, @Masked String owner, Instant lastUse,
            Instant created, Instant expires, Boolean revoked, String rotate) {

        public StaleToken(String id, String name, String status, String owner, Instant lastUse, Instant created,
                Instant expires, Boolean revoked) {
            this(id, name, status, owner, lastUse, created, expires, revoked, null);
        }

        StaleToken withRotate(String command) {
            return new StaleToken(id, name, status, owner, lastUse, created, expires, revoked, command);
        }

        /**
         * {@code rotate-token {"token":"<id>","format":"text"}}, the cluster first in a fleet ({@code cluster} not
         * null): the payload rotate-token takes, so it can be pasted into chat-ops or a pipeline as it is. The id is
         * masked as every output masks it (a real id, a UUID or {@code dt0c01.<public>}, shows as it is).
         */
        public static String rotateCommand(String cluster, String id) {
            return "rotate-token {" + (cluster == null ? "" : "\"cluster\":" + jsonString(cluster) + ",")
                    + "\"token\":" + jsonString(Secrets.mask(id)) + ",\"format\":\"text\"}";
        }

        private static String jsonString(String value) {
            return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }

        /**
         * Whether its metadata shows it unused since {@code cutoff}: last used before it, or never used and created
         * before it. False when the metadata was not read (no last use and no creation time): unverified tokens are
         * never treated as stale, neither in the report nor by what acts on it.
         */
        public boolean verifiedUnusedSince(Instant cutoff) {
            return lastUse != null ? lastUse.isBefore(cutoff) : created != null && created.isBefore(cutoff);
        }
    }

    /** A token kept out of the stale classes, with why and the class it would have had. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ExcludedToken(String id, @Masked String name, @Masked String reason, String status) {
    }

    /** One exclusion rule ({@code reason} as on the excluded tokens) and how many tokens it removed. */
    public record Exclusion(@Masked String reason, long excluded) {
    }

    public record Delivery(String sink, Outcome outcome) {

        public enum Outcome implements WireName {
            DELIVERED, DELIVERED_EARLIER,
            /** An earlier attempt's answer was lost: it may have it, so it is not sent again. */
            MAYBE_DELIVERED_EARLIER
        }
    }

    /**
     * One list query as sent ({@code from}, {@code to}: epoch milliseconds, as the API takes them), and how many
     * entries came back; {@code reachedLimit}: it may be cut off.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record QuerySent(String purpose, Long from, Long to, int limit, long returned, boolean reachedLimit) {
    }
}
