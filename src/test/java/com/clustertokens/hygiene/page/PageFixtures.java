package com.clustertokens.hygiene.page;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.clustertokens.hygiene.report.HygieneReport;
import com.clustertokens.hygiene.report.HygieneReport.StaleToken;
import com.clustertokens.hygiene.report.StalePeriod;

/** Reports as stale-tokens makes them, with names that try to break a page: markup, formulas, pasted secrets. */
final class PageFixtures {

    static final Instant NOW = Instant.parse("2026-11-01T03:00:00Z");
    static final Instant CUTOFF = NOW.minus(Duration.ofDays(90));
    static final String CLUSTER = "https://managed.example.com";
    /** A new-format token as someone might paste it into a token's name: only its identifier may show. */
    static final String PASTED_SECRET = "dt0c01.ABCDEFGHIJKLMNOPQRSTUVWX."
            + "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
    static final String SECRET_PART = PASTED_SECRET.substring(PASTED_SECRET.lastIndexOf('.') + 1);
    static final String SCRIPT_NAME = "<script>alert('owned')</script>";

    /** The last-use ages of {@link #report()}, youngest first. */
    static final HygieneReport.LastUseAges AGES = new HygieneReport.LastUseAges(40, 12, 8, 5, 3, 2, 6);

    private PageFixtures() {
    }

    static final StaleToken NEVER_USED = token("a1", "build-agent", "noRecordedUse", "pete", null, days(400), null);
    static final StaleToken SCRIPT = token("b2", SCRIPT_NAME, "dormant", "<b>mallory</b>", days(380), days(700),
            null);
    static final StaleToken FORMULA = token("c3", "=HYPERLINK(\"http://evil.example\",\"x\")", "dormant", "bob",
            days(200), days(500), null);
    static final StaleToken PASTED = token("d4", "backup " + PASTED_SECRET, "dormant", "bob", days(120), days(300),
            NOW.plus(Duration.ofDays(200)));
    static final StaleToken UNREAD = token("e5", "past-the-limit", "dormant", null, null, null, null);
    static final StaleToken EXPIRING = token("f6", "soon-gone", "dormant", "carol", days(95), days(365),
            NOW.plus(Duration.ofDays(3)));
    static final StaleToken REVOKED = new StaleToken("g7", "rotated-out", "dormant", "alice", days(150), days(600),
            null, Boolean.TRUE);

    /** A report of 76 tokens, 7 of them stale, listed in its three sections as stale-tokens lists them. */
    static HygieneReport report() {
        HygieneReport.Counts counts = new HygieneReport.Counts(76, 60, 6, 1, 2, 1, 6, 0, 7, 1, 1, 0);
        HygieneReport.Body body = new HygieneReport.Body(counts, AGES,
                List.of(NEVER_USED, SCRIPT, FORMULA, PASTED, UNREAD), List.of(EXPIRING), List.of(REVOKED),
                List.of(), List.of(new HygieneReport.Exclusion("created by the cluster", 2),
                        new HygieneReport.Exclusion("matches 'ci-*'", 4)),
                List.of(), List.of("token e5 (past-the-limit): metadata not read, " + PASTED_SECRET), false, false);
        return new HygieneReport(heading(NOW), body).withSummary("summary");
    }

    static final StaleToken PIPELINE = token("h8", "deploy-pipeline", "active", "ci-bot", days(0), days(80),
            NOW.plus(Duration.ofDays(2)));
    static final StaleToken OLD_ADMIN = token("i9", "admin " + SCRIPT_NAME, "active", "root", days(1), days(400),
            null);
    static final StaleToken LAPSED = token("j10", "lapsed", "active", "dan", days(10), days(500),
            NOW.minus(Duration.ofDays(5)));

    /**
     * {@link #report()} with its expiry scan: a pipeline token expiring in two days, an admin token due for rotation,
     * an expired one, the stale {@code b2} expired as well, and one token not read (its reason pastes a secret).
     */
    static HygieneReport reportWithExpiry() {
        HygieneReport.Body b = report().body();
        StaleToken expiredStale = token("b2", SCRIPT_NAME, "dormant", "<b>mallory</b>", days(380), days(700),
                days(1));
        List<StaleToken> stale = b.stale().stream().map(t -> t.id().equals("b2") ? expiredStale : t).toList();
        HygieneReport.Expiry expiry = new HygieneReport.Expiry(NOW.plus(Duration.ofDays(14)),
                NOW.minus(Duration.ofDays(90)), 70, 6, 1, 2, 40, 1, List.of(PIPELINE), List.of(LAPSED, expiredStale),
                List.of(OLD_ADMIN), List.of(new HygieneReport.Unread("k11", "late", "out of time: " + PASTED_SECRET)))
                .withRotateCommands(null);
        HygieneReport.Body body = new HygieneReport.Body(b.counts(), b.lastUseAge(), stale, b.expiring(),
                b.revoked(), b.excluded(), b.exclusions(), b.queries(), b.notes(), b.truncated(), b.mayBeIncomplete(),
                expiry);
        return new HygieneReport(heading(NOW), body).withSummary("summary");
    }

    /** The run of the night before: {@code a1} and a token since deleted were stale, the rest not yet. */
    static HygieneReport previous() {
        StaleToken gone = token("z9", "deleted-since", "dormant", "dan", days(300), days(900), null);
        HygieneReport.Counts counts = new HygieneReport.Counts(75, 63, 1, 1, 2, 1, 6, 0, 2, 0, 0, 0);
        HygieneReport.Body body = new HygieneReport.Body(counts, null, List.of(NEVER_USED, gone), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), false, false);
        return new HygieneReport(heading(NOW.minus(Duration.ofDays(1))), body).withSummary("summary");
    }

    static HygieneReport.Heading heading(Instant now) {
        return new HygieneReport.Heading(now.plusSeconds(42), "default", CLUSTER, "schedule " + now, now,
                now.minus(Duration.ofDays(90)), StalePeriod.parseOrNull("P90D"),
                new HygieneReport.Filters(null, List.of(), List.of("ci-*"), List.of("InstallerDownload")));
    }

    static RemediationSection remediation() {
        return new RemediationSection("plan, nothing done until applied", List.of(
                new RemediationSection.Row("b2", SCRIPT_NAME, "<b>mallory</b>", "revoke", "unused for 380 days",
                        NOW.plus(Duration.ofDays(1))),
                new RemediationSection.Row("g7", "rotated-out", "alice", "delete", "revoked 14 days ago, unused",
                        null)),
                List.of("Not applied: REMEDIATION_MODE is plan"));
    }

    static Instant days(int daysBeforeNow) {
        return NOW.minus(Duration.ofDays(daysBeforeNow));
    }

    private static StaleToken token(String id, String name, String status, String owner, Instant lastUse,
            Instant created, Instant expires) {
        return new StaleToken(id, name, status, owner, lastUse, created, expires, null);
    }
}
