package com.clustertokens.hygiene.report;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import com.clustertokens.cluster.RegisteredCluster;
import com.clustertokens.security.Secrets;

/**
 * The report as a few lines of plain text with light Markdown, fit for a chat channel. What this code did not write
 * (a token's name and owner, a note, an exclusion's pattern) is masked as the report page masks it.
 */
public final class Summary {

    private Summary() {
    }

    /** The summary of {@code report} (one with a body), naming at most {@code maxLines} tokens per section. */
    public static String of(HygieneReport report, Duration expiryHorizon, int maxLines) {
        HygieneReport.Heading run = report.heading();
        HygieneReport.Body body = report.body();
        HygieneReport.Counts c = body.counts();
        StringBuilder text = new StringBuilder("*Cluster token hygiene* for ");
        text.append(run.cluster() != null && !RegisteredCluster.DEFAULT.equals(run.cluster())
                ? run.cluster() + " (" + run.clusterUrl() + ")"
                : run.clusterUrl());
        HygieneReport.Expiry expiry = body.expiry();
        if (expiry != null) {
            // First, because it is the failure that hurts: a token in use that stops working soon.
            section(text, "Expiring soon and in use (by " + expiry.warnBy() + "), soonest first",
                    expiry.expiringInUse(), expiry.expiringInUseCount(), maxLines);
        }
        text.append("\nStale: not used since ").append(run.cutoff()).append(run.staleAfter() != null
                ? " (" + run.staleAfter().describe() + " before " + run.now() + ")"
                : " (window " + run.cutoff() + " to " + run.now() + ")");
        text.append("\nTokens: ").append(c.total()).append(" total · ").append(c.active()).append(" active · ")
                .append(c.dormant()).append(" dormant · ").append(c.noRecordedUse()).append(" no recorded use · ")
                .append(c.excluded()).append(" excluded · ").append(c.newUnused())
                .append(" new (created since the cutoff, not used yet)");
        if (c.deleted() > 0) {
            text.append(" · ").append(c.deleted()).append(" deleted meanwhile");
        }
        text.append('\n');
        if (c.unverified() > 0) {
            text.append("Unverified: ").append(c.unverified()).append(" with no recorded use whose creation time was "
                    + "not read; not reported as stale\n");
        }
        if (c.enriched() > 0) {
            text.append("Of ").append(c.enriched()).append(" tokens checked: ").append(c.revoked())
                    .append(" revoked · ").append(c.expiring()).append(" expiring within ")
                    .append(describe(expiryHorizon)).append(" · ").append(c.unreadable()).append(" unreadable\n");
        }
        if (expiry != null) {
            text.append("Expiry of ").append(expiry.read()).append(" tokens read: ")
                    .append(expiry.expiringInUseCount()).append(" expiring soon and in use · ")
                    .append(expiry.expiredCount()).append(" expired · ").append(expiry.neverExpires())
                    .append(" never expire · ").append(expiry.rotationDueCount()).append(" due for rotation");
            text.append(expiry.notRead() > 0 ? " · " + expiry.notRead() + " not read\n" : "\n");
        }
        if (body.mayBeIncomplete()) {
            text.append("WARNING: a list query returned exactly its limit, so the cluster may hold tokens this "
                    + "report never saw\n");
        }
        section(text, "Stale tokens, oldest use first", body.stale(), c.dormant() + c.noRecordedUse()
                - c.revoked() - c.expiring(), maxLines);
        section(text, "Expiring within " + describe(expiryHorizon), body.expiring(), c.expiring(), maxLines);
        section(text, "Revoked (stale, not yet deleted)", body.revoked(), c.revoked(), maxLines);
        if (expiry != null) {
            section(text, "Expired (still listed by the cluster)", expiry.expired(), expiry.expiredCount(), maxLines);
            section(text, "Due for rotation (in use, created by " + expiry.rotateBy() + ")", expiry.rotationDue(),
                    expiry.rotationDueCount(), maxLines);
            if (!expiry.unread().isEmpty()) {
                text.append("\n*Expiry not read* (").append(expiry.notRead()).append(")\n");
                int shown = Math.min(maxLines, expiry.unread().size());
                for (HygieneReport.Unread token : expiry.unread().subList(0, shown)) {
                    text.append("• ").append(Secrets.mask(token.name())).append(" (").append(token.id())
                            .append(") · ").append(Secrets.mask(token.reason())).append('\n');
                }
                if (expiry.notRead() > shown) {
                    text.append("…and ").append(expiry.notRead() - shown).append(" more\n");
                }
            }
        }
        if (c.dormant() + c.noRecordedUse() == 0) {
            text.append("\nNo stale tokens.\n");
        }
        if (c.excluded() > 0) {
            text.append("\nExcluded (never reported as stale): ").append(c.excluded());
            text.append(body.exclusions().isEmpty()
                    ? "\n"
                    : body.exclusions().stream()
                            .map(exclusion -> Secrets.mask(exclusion.reason()) + ": " + exclusion.excluded())
                            .collect(Collectors.joining(" · ", " (", ")\n")));
        }
        for (String note : body.notes()) {
            text.append("Note: ").append(Secrets.mask(note)).append('\n');
        }
        return text.toString().stripTrailing();
    }

    private static void section(StringBuilder text, String title, List<HygieneReport.StaleToken> tokens, long count,
            int maxLines) {
        if (tokens.isEmpty()) {
            return;
        }
        text.append("\n*").append(title).append("* (").append(count).append(")\n");
        int shown = Math.min(maxLines, tokens.size());
        for (HygieneReport.StaleToken token : tokens.subList(0, shown)) {
            text.append("• ").append(Secrets.mask(token.name())).append(" (").append(token.id()).append(')');
            if (token.owner() != null) {
                text.append(" · owner ").append(Secrets.mask(token.owner()));
            }
            if (token.lastUse() != null) {
                text.append(" · last used ").append(token.lastUse());
            } else if (token.owner() != null) {
                text.append(" · never used");
            } else {
                text.append(" · ").append(token.status().equals("dormant") ? "dormant" : "no recorded use")
                        .append(" (metadata not read)");
            }
            text.append(token.expires() != null ? " · expires " + token.expires() : "");
            text.append(token.rotate() != null ? " · rotate with `" + token.rotate() + "`" : "").append('\n');
        }
        if (count > shown) {
            text.append("…and ").append(count - shown).append(" more in the report\n");
        }
    }

    /** "90 days", "36 hours", or the ISO form for anything else. */
    static String describe(Duration duration) {
        if (duration.toSeconds() % 86_400 == 0 && duration.getNano() == 0) {
            long days = duration.toDays();
            return days + (days == 1 ? " day" : " days");
        }
        if (duration.toSeconds() % 3600 == 0 && duration.getNano() == 0) {
            long hours = duration.toHours();
            return hours + (hours == 1 ? " hour" : " hours");
        }
        return duration.toString();
    }
}
