package com.clustertokens.hygiene.page;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.clustertokens.hygiene.report.HygieneReport;
import com.clustertokens.hygiene.report.HygieneReport.StaleToken;

/**
 * Every stale token a report lists, whatever its section (stale, expiring soon, revoked), as one list: oldest use
 * first, never used first (the older creation first among those), tokens whose metadata was not read last; the
 * page's table and the CSV agree.
 */
final class StaleRows {

    record Row(StaleToken token, String state) {

        /** Whether the token's metadata was read: without it, its last use, owner and expiry are unknown. */
        boolean metadataRead() {
            return token.owner() != null || token.created() != null;
        }
    }

    static final String OWNER_NOT_READ = "(metadata not read)";

    private static final Comparator<Row> OLDEST_FIRST = Comparator.comparing((Row row) -> !row.metadataRead())
            .thenComparing(row -> row.token().lastUse(), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(row -> row.token().created(), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(row -> String.valueOf(row.token().name()));

    private StaleRows() {
    }

    /** Empty for a report that did not read the cluster. */
    static List<Row> of(HygieneReport report) {
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
                    : "dormant".equals(token.status()) ? "dormant" : "never used"));
        }
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
}
