package com.clustertokens.hygiene.page;

import java.time.Duration;
import java.util.List;

import com.clustertokens.hygiene.report.HygieneReport.LastUseAges;

/**
 * The last-use histogram as inline SVG: one bar per bucket, its height proportional to its count (the largest
 * bucket is {@link #PLOT_HEIGHT} high), each with its count above and its label below. Buckets at or past the
 * report's stale period are drawn in the stale colour, "never" in grey.
 */
final class LastUseHistogram {

    /** Height of the tallest bar, in SVG units (pixels at 100 % zoom). */
    static final int PLOT_HEIGHT = 180;

    static final List<String> LABELS = List.of("under 7 days", "7–30 days", "30–90 days", "90–180 days",
            "180–365 days", "over a year", "never");

    private static final int BAR_WIDTH = 84;
    private static final int GAP = 24;
    private static final int TOP = 24;
    private static final int BOTTOM = 40;

    private LastUseHistogram() {
    }

    /**
     * The SVG of {@code ages}; {@code staleAfter} (null for a window report) decides which buckets show as stale:
     * those whose youngest age is at least the stale period.
     */
    static String svg(LastUseAges ages, Duration staleAfter) {
        List<Long> counts = ages.asList();
        long max = counts.stream().mapToLong(Long::longValue).max().orElse(0);
        int width = counts.size() * (BAR_WIDTH + GAP) + GAP;
        int height = TOP + PLOT_HEIGHT + BOTTOM;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"histogram\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(width).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width)
                .append(' ').append(height).append("\" aria-labelledby=\"histogram-title\">\n")
                .append("<title id=\"histogram-title\">Tokens by age of last use</title>\n");
        int baseline = TOP + PLOT_HEIGHT;
        svg.append("<line x1=\"").append(GAP / 2).append("\" y1=\"").append(baseline).append("\" x2=\"")
                .append(width - GAP / 2).append("\" y2=\"").append(baseline).append("\" stroke=\"#8a93a3\"/>\n");
        for (int i = 0; i < counts.size(); i++) {
            long count = counts.get(i);
            int barHeight = barHeight(count, max);
            int x = GAP + i * (BAR_WIDTH + GAP);
            String label = LABELS.get(i);
            svg.append("<g class=\"bucket\">");
            svg.append("<rect class=\"bar ").append(kind(i, staleAfter)).append("\" data-bucket=\"").append(label)
                    .append("\" data-count=\"").append(count).append("\" x=\"").append(x).append("\" y=\"")
                    .append(baseline - barHeight).append("\" width=\"").append(BAR_WIDTH).append("\" height=\"")
                    .append(barHeight).append("\"><title>").append(label).append(": ").append(Html.count(count))
                    .append(" tokens</title></rect>");
            svg.append("<text x=\"").append(x + BAR_WIDTH / 2).append("\" y=\"").append(baseline - barHeight - 6)
                    .append("\" text-anchor=\"middle\">").append(Html.count(count)).append("</text>");
            svg.append("<text x=\"").append(x + BAR_WIDTH / 2).append("\" y=\"").append(baseline + 18)
                    .append("\" text-anchor=\"middle\">").append(label).append("</text>");
            svg.append("</g>\n");
        }
        return svg.append("</svg>\n").toString();
    }

    /** The bar's height: proportional to the count, the largest {@link #PLOT_HEIGHT}; 0 only for 0. */
    static int barHeight(long count, long max) {
        if (count == 0 || max == 0) {
            return 0;
        }
        return (int) Math.max(1, Math.round((double) count * PLOT_HEIGHT / max));
    }

    private static String kind(int bucket, Duration staleAfter) {
        if (bucket == LABELS.size() - 1) {
            return "never";
        }
        if (staleAfter == null || bucket == 0) {
            return "used";
        }
        long youngestDays = LastUseAges.BOUNDS_IN_DAYS.get(bucket - 1);
        return Duration.ofDays(youngestDays).compareTo(staleAfter) >= 0 ? "stale" : "used";
    }
}
