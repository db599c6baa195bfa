package com.clustertokens.hygiene.census;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import com.clustertokens.cluster.ListQuery;
import com.clustertokens.hygiene.report.HygieneReport.LastUseAges;

/**
 * The census's filtered lists, youngest first, one per interval of last use. Without the histogram they are the two
 * halves at the cutoff: active ({@code from = cutoff - 1 ms}, as {@code from} is strict) and dormant
 * ({@code to = cutoff}). With it, the same two halves cut again at the histogram's bounds, each piece one query with
 * both filters (the API returns the tokens that match all of them): the pieces of a half add up to that half's list,
 * so the histogram costs a few more requests but no byte more than the census reads anyway, and its counts are
 * exact, taken from the one walk that classifies the full list.
 */
final class LastUseIntervals {

    /**
     * Tokens last used at or after {@code query.from + 1} and before {@code query.to} (null: unbounded); the
     * {@code bucket} is its place in {@link LastUseAges#asList()}, -1 without the histogram.
     */
    record Interval(String purpose, ListQuery query, boolean active, int bucket) {
    }

    private final List<Interval> intervals;
    private final boolean histogram;

    private LastUseIntervals(List<Interval> intervals, boolean histogram) {
        this.intervals = List.copyOf(intervals);
        this.histogram = histogram;
    }

    /** The two halves at {@code cutoff}, cut at the histogram's bounds before {@code agesAt} unless that is null. */
    static LastUseIntervals of(ListQuery all, Instant cutoff, Instant agesAt) {
        long cut = cutoff.toEpochMilli();
        List<Long> bounds = new ArrayList<>();
        if (agesAt != null) {
            for (int days : LastUseAges.BOUNDS_IN_DAYS) {
                bounds.add(agesAt.minus(Duration.ofDays(days)).toEpochMilli());
            }
        }
        TreeSet<Long> ends = new TreeSet<>(bounds);
        ends.add(cut);
        List<Interval> intervals = new ArrayList<>();
        Long upper = null;
        for (long lower : ends.descendingSet()) {
            boolean active = lower >= cut;
            intervals.add(new Interval(purpose(active, lower, upper, cut, bounds, agesAt), all.withFrom(lower - 1)
                    .withTo(upper), active, bucket(lower, bounds)));
            upper = lower;
        }
        intervals.add(new Interval(purpose(false, null, upper, cut, bounds, agesAt), all.withFrom(null).withTo(upper),
                false, agesAt == null ? -1 : bounds.size()));
        return new LastUseIntervals(intervals, agesAt != null);
    }

    List<Interval> intervals() {
        return intervals;
    }

    boolean histogram() {
        return histogram;
    }

    /** Whether each list holds active tokens (the census's class), in list order. */
    boolean[] active() {
        boolean[] active = new boolean[intervals.size()];
        for (int i = 0; i < active.length; i++) {
            active[i] = intervals.get(i).active();
        }
        return active;
    }

    /** The histogram of a census whose lists were these; null without it. */
    LastUseAges ages(Census census) {
        if (!histogram) {
            return null;
        }
        long[] buckets = new long[LastUseAges.BOUNDS_IN_DAYS.size() + 1];
        long used = 0;
        for (int i = 0; i < intervals.size(); i++) {
            buckets[intervals.get(i).bucket()] += census.seenIn[i];
            used += census.seenIn[i];
        }
        return new LastUseAges(buckets[0], buckets[1], buckets[2], buckets[3], buckets[4], buckets[5],
                census.total - used);
    }

    // A bound belongs to the younger bucket, as the cutoff does to active: from = bound - 1 ms, to = the next bound.
    private static int bucket(long lower, List<Long> bounds) {
        return bounds.isEmpty() ? -1 : (int) bounds.stream().filter(bound -> bound > lower).count();
    }

    /** "active" and "dormant" alone; with the histogram the age range too, e.g. "active 7d-30d", "dormant >365d". */
    private static String purpose(boolean active, Long lower, Long upper, long cut, List<Long> bounds,
            Instant agesAt) {
        String side = active ? "active" : "dormant";
        if (agesAt == null) {
            return side;
        }
        if (upper == null) {
            return side + " <" + label(lower, cut, bounds);
        }
        if (lower == null) {
            return side + " >" + label(upper, cut, bounds);
        }
        return side + " " + label(upper, cut, bounds) + "-" + label(lower, cut, bounds);
    }

    private static String label(long end, long cut, List<Long> bounds) {
        int at = bounds.indexOf(end);
        return at >= 0 ? LastUseAges.BOUNDS_IN_DAYS.get(at) + "d" : end == cut ? "cutoff" : Long.toString(end);
    }
}
