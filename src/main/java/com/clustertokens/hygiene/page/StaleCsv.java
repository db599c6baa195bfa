package com.clustertokens.hygiene.page;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.clustertokens.hygiene.report.HygieneReport;
import com.clustertokens.hygiene.report.HygieneReport.StaleToken;
import com.clustertokens.security.Secrets;

/**
 * Every stale token a report lists, whatever its section (stale, expiring soon, revoked), as one list: oldest use
 * first, never used first (the older creation first among those), tokens whose metadata was not read last; the
 * page's table and the CSV agree. The CSV is RFC 4180 (CRLF line ends, a field quoted when it holds a comma, quote or
 * line break, quotes doubled) with a header row; a cell a spreadsheet would read as a formula (starting with
 * {@code = + - @}, tab or carriage return) gets a leading apostrophe, so a token named {@code =HYPERLINK(…)} stays
 * text. Values are masked like the page's.
 */
public final class StaleCsv {

    /** {@code expiry}: the token's expiry class ({@code expired}, {@code expiringInUse}, {@code rotationDue}) or null. */
    record Row(StaleToken token, String state, String expiry) {

        /** Whether the token's metadata was read: without it, its last use, owner and expiry are unknown. */
        boolean metadataRead() {
            return token.owner() != null || token.created() != null;
        }
    }

    static final String HEADER = "name,id,state,owner,lastUse,created,expires,expiry,rotate";
    static final String OWNER_NOT_READ = "(metadata not read)";

    private static final Comparator<Row> OLDEST_FIRST = Comparator.comparing((Row row) -> !row.metadataRead())
            .thenComparing(row -> row.token().lastUse(), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(row -> row.token().created(), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(row -> String.valueOf(row.token().name()));

    private StaleCsv() {
    }

    /**
     * The CSV of {@code report}'s stale tokens, then the tokens in use its expiry scan lists (expiring soon, due for
     * rotation, expired), each with its expiry class and, when due for rotation, the command that rotates it; the
     * header alone when there are none.
     */
    public static String of(HygieneReport report) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        Map<String, String> rotate = new java.util.HashMap<>();
        HygieneReport.Expiry expiry = report.body().expiry();
        if (expiry != null) {
            expiry.rotationDue().stream().filter(t -> t.rotate() != null).forEach(t -> rotate.put(t.id(),
                    t.rotate()));
        }
        for (Row row : withExpiry(report, rows(report))) {
            StaleToken t = row.token();
            csv.append(cell(t.name())).append(',').append(cell(t.id())).append(',').append(cell(row.state()))
                    .append(',').append(cell(t.owner())).append(',').append(time(t.lastUse())).append(',')
                    .append(time(t.created())).append(',').append(time(t.expires())).append(',')
                    .append(cell(row.expiry())).append(',').append(unmasked(rotate.get(t.id()))).append("\r\n");
        }
        return csv.toString();
    }

    /** Empty for a report that did not read the cluster. */
    static List<Row> rows(HygieneReport report) {
        HygieneReport.Body body = report.body();
        List<Row> rows = new ArrayList<>();
        add(rows, body.stale(), null);
        add(rows, body.expiring(), "expiring soon");
        add(rows, body.revoked(), "revoked");
        rows.sort(OLDEST_FIRST);
        return rows;
    }

    private static void add(List<Row> rows, List<StaleToken> tokens, String section) {
        if (tokens == null) {
            return;
        }
        for (StaleToken token : tokens) {
            rows.add(new Row(token, section != null
                    ? section
                    : "dormant".equals(token.status()) ? "dormant" : "never used", null));
        }
    }

    /**
     * {@code stale} with each token's expiry class, then the tokens of the expiry sections that are not stale (in
     * use), soonest class first: expired, expiring soon and in use, due for rotation.
     */
    static List<Row> withExpiry(HygieneReport report, List<Row> stale) {
        HygieneReport.Expiry expiry = report.body().expiry();
        if (expiry == null) {
            return stale;
        }
        Map<String, String> classes = new LinkedHashMap<>();
        Map<String, StaleToken> tokens = new LinkedHashMap<>();
        // The first class a token is listed in wins: expired, then expiring in use, then due for rotation.
        for (var section : List.of(Map.entry("expired", expiry.expired()),
                Map.entry("expiringInUse", expiry.expiringInUse()), Map.entry("rotationDue", expiry.rotationDue()))) {
            for (StaleToken token : section.getValue()) {
                classes.putIfAbsent(token.id(), section.getKey());
                tokens.putIfAbsent(token.id(), token);
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Row row : stale) {
            rows.add(new Row(row.token(), row.state(), classes.get(row.token().id())));
            tokens.remove(row.token().id());
        }
        tokens.values().forEach(t -> rows.add(new Row(t, t.status(), classes.get(t.id()))));
        return rows;
    }

    /**
     * Owners by the number of stale tokens they own, most first, then by name; tokens whose metadata was not read
     * are counted under {@link #OWNER_NOT_READ}, last.
     */
    static List<Map.Entry<String, Long>> owners(List<Row> rows) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Row row : rows) {
            String owner = row.token().owner() != null ? row.token().owner() : OWNER_NOT_READ;
            counts.merge(owner, 1L, Long::sum);
        }
        return counts.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, Long> e) -> e.getKey().equals(OWNER_NOT_READ))
                        .thenComparing(Map.Entry.<String, Long>comparingByValue().reversed())
                        .thenComparing(Map.Entry::getKey))
                .toList();
    }

    /** One field: masked, defused if it could start a formula, quoted if it must be. */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        return unmasked(Secrets.mask(value));
    }

    /**
     * A field this code wrote whole from safe parts (a rotate command: its id masked where it was made), which the
     * mask would take for a pasted {@code "token":"…"} and hide.
     */
    static String unmasked(String text) {
        if (text == null) {
            return "";
        }
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    private static String time(Instant instant) {
        return instant == null ? "" : instant.toString();
    }
}
