package com.clustertokens.hygiene.census;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.clustertokens.cluster.CompactIds;
import com.clustertokens.cluster.ListEntry;

class IdSetTest {

    @Test
    void keepsHundredsOfThousandsOfUuidsAndFindsExactlyThose() {
        IdSequence listed = new IdSequence();
        for (long i = 1; i <= 200_000; i++) {
            listed.accept(entry(new UUID(i * 31, i).toString()));
        }

        listed.finish();
        IdSet ids = listed.toSet();

        assertThat(ids.size()).isEqualTo(200_000);
        assertThat(ids.contains(entry(new UUID(31 * 777, 777).toString()))).isTrue();
        assertThat(ids.contains(entry(new UUID(31 * 777, 778).toString()))).isFalse();
        assertThat(ids.contains(entry(new UUID(0, 0).toString()))).isFalse();
    }

    @Test
    void keepsDt0c01IdsAsTwoLongsApartFromUuidsWithTheSameBits() {
        IdSequence listed = new IdSequence();
        for (long i = 1; i <= 100_000; i++) {
            listed.accept(entry(CompactIds.idOf(true, i * 31, i)));
        }
        listed.accept(entry("dt0c01.AAAAAAAAAAAAAAAAAAAAAAAA")); // all-zero halves
        listed.finish();

        IdSet ids = listed.toSet();

        assertThat(listed.keptAsStrings()).as("only the all-zero id, whose pair marks a String").isEqualTo(1);
        assertThat(ids.size()).isEqualTo(100_001);
        assertThat(ids.contains(entry(CompactIds.idOf(true, 31 * 777, 777)))).isTrue();
        assertThat(ids.contains(entry(CompactIds.idOf(true, 31 * 777, 778)))).isFalse();
        assertThat(ids.contains(entry("dt0c01.AAAAAAAAAAAAAAAAAAAAAAAA"))).isTrue();
        assertThat(ids.contains(entry(new UUID(31 * 777, 777).toString()))).as("same bits, a UUID").isFalse();
        assertThat(ids.contains(entry(new UUID(0, 0).toString()))).isFalse();
    }

    @Test
    void keepsIdsWithoutACompactFormAsStrings() {
        IdSequence listed = new IdSequence();
        String lower = "0fb2d2c8-e87c-470c-a0e4-303a6f3bec74";
        listed.accept(entry("dt0c01.ABCDEFGHIJKLMNOPQRSTUVW0"));
        listed.accept(entry(lower.toUpperCase()));
        listed.accept(entry("1-1-1-1-1"));
        listed.accept(entry(new UUID(0, 0).toString()));
        listed.finish();

        IdSet ids = listed.toSet();

        assertThat(listed.keptAsStrings()).isEqualTo(4);
        assertThat(ids.contains(entry("dt0c01.ABCDEFGHIJKLMNOPQRSTUVW0"))).isTrue();
        assertThat(ids.contains(entry("dt0c01.ABCDEFGHIJKLMNOPQRSTUVWO"))).isFalse();
        assertThat(ids.contains(entry(lower.toUpperCase()))).isTrue();
        assertThat(ids.contains(entry(lower))).as("ids are compared as the strings they are").isFalse();
        assertThat(ids.contains(entry("1-1-1-1-1"))).isTrue();
        assertThat(ids.contains(entry("00000000-0000-0001-0000-000000000001"))).isFalse();
        assertThat(ids.contains(entry(new UUID(0, 0).toString()))).isTrue();
        assertThat(ids.size()).isEqualTo(4);
    }

    @Test
    void addsEachIdOnce() {
        IdSequence listed = new IdSequence();
        listed.accept(entry("0fb2d2c8-e87c-470c-a0e4-303a6f3bec74"));
        listed.accept(entry("0fb2d2c8-e87c-470c-a0e4-303a6f3bec74"));
        listed.accept(entry(null));
        listed.finish();

        IdSet ids = listed.toSet();

        assertThat(ids.size()).isEqualTo(1);
        assertThat(ids.contains(entry(null))).isFalse();
    }

    private static ListEntry entry(String id) {
        return ListEntry.of(id, "a-token");
    }
}
