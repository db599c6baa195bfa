package com.clustertokens.hygiene.page;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.clustertokens.hygiene.report.HygieneReport;
import com.clustertokens.hygiene.report.HygieneReport.StaleToken;

/**
 * What changed in the stale list since the previous run, by token id: tokens stale now that were not listed then,
 * and tokens listed then that are not now (used again, deleted, excluded, or revoked and deleted by someone).
 * {@code partial}: either report lists fewer stale tokens than it counts, so a token past its limit may look new
 * or gone.
 */
record ChangeSince(HygieneReport previous, List<StaleToken> newlyStale, List<StaleToken> noLongerStale,
        boolean partial) {

    /** The change from {@code previous} (a report with a body) to {@code current}. */
    static ChangeSince between(HygieneReport previous, HygieneReport current) {
        Map<String, StaleToken> before = byId(previous);
        Map<String, StaleToken> now = byId(current);
        List<StaleToken> added = now.values().stream().filter(t -> !before.containsKey(t.id())).toList();
        List<StaleToken> gone = before.values().stream().filter(t -> !now.containsKey(t.id())).toList();
        return new ChangeSince(previous, added, gone, previous.body().truncated() || current.body().truncated());
    }

    private static Map<String, StaleToken> byId(HygieneReport report) {
        Map<String, StaleToken> tokens = new LinkedHashMap<>();
        for (StaleRows.Row row : StaleRows.of(report)) {
            tokens.put(row.token().id(), row.token());
        }
        return tokens;
    }
}
