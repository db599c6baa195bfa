package com.clustertokens.hygiene.page;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.clustertokens.hygiene.report.HygieneReport;
import com.clustertokens.hygiene.report.HygieneReport.StaleToken;

/**
 * The page's expiry sections, from the report's scan of every token: expiring soon and in use first (the failure
 * that breaks a pipeline tonight), then the counts, the expired tokens, those due for rotation and those not read.
 * Nothing when the scan did not run (HYGIENE_EXPIRY_SCAN_LIMIT 0, or a report written before it existed).
 */
final class ExpirySections {

    private ExpirySections() {
    }

    /** The section at the top of the page, right under the counts. */
    static void expiringInUse(StringBuilder page, HygieneReport.Expiry expiry, Instant now) {
        page.append("<h2 id=\"expiring-in-use\">Expiring soon and in use</h2>\n<p>");
        page.append(expiry.expiringInUseCount() == 0
                ? "No token in use expires by " + Html.time(expiry.warnBy()) + ".</p>\n"
                : shown(expiry.expiringInUse().size(), expiry.expiringInUseCount()) + " in use, expiring by "
                        + Html.time(expiry.warnBy()) + ", soonest first.</p>\n");
        table(page, "expiring-in-use-tokens", expiry.expiringInUse(), now, false);
    }

    /** The counts of the scan, then the expired, due-for-rotation and not-read tokens. */
    static void rest(StringBuilder page, HygieneReport.Expiry expiry, Instant now) {
        page.append("<h2 id=\"expiry\">Expiry</h2>\n<ul class=\"counts\">");
        count(page, "read", expiry.read());
        count(page, "expired", expiry.expiredCount());
        count(page, "never expire", expiry.neverExpires());
        count(page, "due for rotation", expiry.rotationDueCount());
        count(page, "not read", expiry.notRead());
        page.append("</ul>\n");
        if (expiry.expiredCount() > 0) {
            page.append("<h3 id=\"expired\">Expired, still listed by the cluster</h3>\n<p>")
                    .append(shown(expiry.expired().size(), expiry.expiredCount())).append("</p>\n");
            table(page, "expired-tokens", expiry.expired(), now, false);
        }
        if (expiry.rotationDueCount() > 0) {
            page.append("<h3 id=\"rotation-due\">Due for rotation</h3>\n<p>")
                    .append(shown(expiry.rotationDue().size(), expiry.rotationDueCount()))
                    .append(" in use, created by ").append(Html.time(expiry.rotateBy())).append(
                            ", oldest first.</p>\n");
            table(page, "rotation-due-tokens", expiry.rotationDue(), now, true);
        }
        if (!expiry.unread().isEmpty()) {
            page.append("<h3 id=\"expiry-not-read\">Expiry not read</h3>\n<p>")
                    .append(shown(expiry.unread().size(), expiry.notRead())).append("</p>\n<ul>");
            for (HygieneReport.Unread token : expiry.unread()) {
                page.append("<li>").append(Html.text(token.name())).append(" <span class=\"id\">")
                        .append(Html.text(token.id())).append("</span>: ").append(Html.text(token.reason()))
                        .append("</li>");
            }
            page.append("</ul>\n");
        }
    }

    private static void count(StringBuilder page, String label, long value) {
        page.append("<li><b>").append(Html.count(value)).append("</b><span>").append(label).append("</span></li>");
    }

    /** " (in 3 days)", " (within a day)", " (412 days ago)": how far the instant is from the report's time. */
    private static String relative(Instant when, Instant now) {
        if (when == null) {
            return "";
        }
        long days = Duration.between(now, when).toDays();
        String text = !when.isAfter(now)
                ? Html.ago(when, now)
                : days == 0
                        ? "within a day"
                        : "in " + days
                                + (days == 1 ? " day" : " days");
        return " <span class=\"muted\">(" + text + ")</span>";
    }

    private static String shown(int listed, long count) {
        return listed < count
                ? Html.count(listed) + " of " + Html.count(count) + " listed (HYGIENE_REPORT_LIMIT)"
                : Html.count(count) + (count == 1 ? " token" : " tokens");
    }

    private static void table(StringBuilder page, String id, List<StaleToken> tokens, Instant now, boolean age) {
        if (tokens.isEmpty()) {
            return;
        }
        // Rotation due (age): each row carries the command that rotates it, escaped but not masked (the mask would
        // take its "token":"<id>" for a pasted secret; the id in it was masked where the command was made).
        page.append("<table id=\"").append(id).append("\"><thead><tr><th>Name</th><th>Id</th><th>Owner</th>")
                .append("<th>Last use</th><th>").append(age ? "Created" : "Expires").append("</th>")
                .append(age ? "<th>Rotate with</th>" : "").append("</tr></thead>\n<tbody>\n");
        for (StaleToken t : tokens) {
            Instant when = age ? t.created() : t.expires();
            page.append("<tr><td>").append(Html.text(t.name())).append("</td><td class=\"id\">")
                    .append(Html.text(t.id())).append("</td><td>").append(Html.text(t.owner())).append("</td><td>")
                    .append(t.lastUse() != null ? Html.time(t.lastUse()) : "never").append("</td><td>")
                    .append(Html.time(when)).append(relative(when, now)).append("</td>");
            if (age) {
                page.append("<td>").append(t.rotate() == null ? "" : "<code>" + Html.escape(t.rotate()) + "</code>")
                        .append("</td>");
            }
            page.append("</tr>\n");
        }
        page.append("</tbody></table>\n");
    }
}
