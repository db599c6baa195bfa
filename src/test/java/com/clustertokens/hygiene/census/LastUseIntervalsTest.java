package com.clustertokens.hygiene.census;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.clustertokens.cluster.ListQuery;

class LastUseIntervalsTest {

    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
    private static final ListQuery ALL = ListQuery.all();

    @Test
    void withoutTheHistogramAsksTheActiveAndDormantListsWholeAndCountsNoAges() {
        long cut = ms(90);

        LastUseIntervals lists = LastUseIntervals.of(ALL, NOW.minus(Duration.ofDays(90)), null);

        assertThat(lists.intervals()).extracting(i -> i.purpose(), i -> i.query().from(), i -> i.query().to(),
                i -> i.active()).containsExactly(tuple("active", cut - 1, null, true),
                        tuple("dormant", null, cut, false));
        assertThat(lists.histogram()).isFalse();
    }

    @Test
    void withTheHistogramCutsBothListsAtEveryBoundAndTheCutoffIsOneOfThem() {
        LastUseIntervals lists = LastUseIntervals.of(ALL, NOW.minus(Duration.ofDays(90)), NOW);

        assertThat(lists.intervals()).extracting(i -> i.purpose(), i -> i.query().from(), i -> i.query().to(),
                i -> i.active(), i -> i.bucket()).containsExactly(
                        tuple("active <7d", ms(7) - 1, null, true, 0),
                        tuple("active 7d-30d", ms(30) - 1, ms(7), true, 1),
                        tuple("active 30d-90d", ms(90) - 1, ms(30), true, 2),
                        tuple("dormant 90d-180d", ms(180) - 1, ms(90), false, 3),
                        tuple("dormant 180d-365d", ms(365) - 1, ms(180), false, 4),
                        tuple("dormant >365d", null, ms(365), false, 5));
        assertThat(lists.active()).containsExactly(true, true, true, false, false, false);
    }

    @Test
    void aCutoffYoungerThanTheFirstBoundSplitsItsBucketBetweenActiveAndDormant() {
        Instant cutoff = NOW.minus(Duration.ofHours(36));
        long cut = cutoff.toEpochMilli();

        LastUseIntervals lists = LastUseIntervals.of(ALL, cutoff, NOW);

        assertThat(lists.intervals()).extracting(i -> i.purpose(), i -> i.query().from(), i -> i.query().to(),
                i -> i.active(), i -> i.bucket()).startsWith(
                        tuple("active <cutoff", cut - 1, null, true, 0),
                        tuple("dormant cutoff-7d", ms(7) - 1, cut, false, 0),
                        tuple("dormant 7d-30d", ms(30) - 1, ms(7), false, 1)).hasSize(7);
    }

    private static long ms(int daysBeforeNow) {
        return NOW.minus(Duration.ofDays(daysBeforeNow)).toEpochMilli();
    }
}
