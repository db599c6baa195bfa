package com.clustertokens.hygiene.page;

import java.time.Instant;
import java.util.List;

import com.clustertokens.hygiene.report.HygieneReport;
import com.clustertokens.hygiene.report.HygieneReport.StaleToken;
import com.clustertokens.security.Secrets;

/**
 * The stale tokens of a report as CSV (RFC 4180: comma-separated, CRLF line ends, a field quoted when it holds a
 * comma, quote or line break, quotes doubled), in the page's order, with a header row. A cell that a spreadsheet
 * would read as a formula (starting with {@code = + - @}, tab or carriage return) gets a leading apostrophe, so a
 * token named {@code =HYPERLINK(…)} stays text. Values are masked like the page's.
 */
public final class StaleCsv {

    static final String HEADER = "name,id,state,owner,lastUse,created,expires";

    private StaleCsv() {
    }

    /** The CSV of {@code report}'s stale tokens; the header alone when there are none. */
    public static String of(HygieneReport report) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        List<StaleRows.Row> rows = report.body().counts() == null ? List.of() : StaleRows.of(report);
        for (StaleRows.Row row : rows) {
            StaleToken t = row.token();
            csv.append(cell(t.name())).append(',').append(cell(t.id())).append(',').append(cell(row.state()))
                    .append(',').append(cell(t.owner())).append(',').append(time(t.lastUse())).append(',')
                    .append(time(t.created())).append(',').append(time(t.expires())).append("\r\n");
        }
        return csv.toString();
    }

    /** One field: masked, defused if it could start a formula, quoted if it must be. */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String text = Secrets.mask(value);
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
