package com.clustertokens.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class IdSetTest {

    @Test
    void keepsHundredsOfThousandsOfUuidsAndFindsExactlyThose() {
        IdSet ids = new IdSet();
        for (long i = 1; i <= 200_000; i++) {
            ids.add(new UUID(i * 31, i).toString());
        }

        assertThat(ids.size()).isEqualTo(200_000);
        assertThat(ids.contains(new UUID(31 * 777, 777).toString())).isTrue();
        assertThat(ids.contains(new UUID(31 * 777, 778).toString())).isFalse();
        assertThat(ids.contains(new UUID(0, 0).toString())).isFalse();
    }

    @Test
    void keepsIdsThatAreNotCanonicalUuidsAsStrings() {
        IdSet ids = new IdSet();
        String lower = "0fb2d2c8-e87c-470c-a0e4-303a6f3bec74";
        ids.add("dt0c01.ABCDEFGHIJKLMNOPQRSTUVWX");
        ids.add(lower.toUpperCase());
        ids.add("1-1-1-1-1");
        ids.add(new UUID(0, 0).toString());

        assertThat(ids.contains("dt0c01.ABCDEFGHIJKLMNOPQRSTUVWX")).isTrue();
        assertThat(ids.contains(lower.toUpperCase())).isTrue();
        assertThat(ids.contains(lower)).as("ids are compared as the strings they are").isFalse();
        assertThat(ids.contains("1-1-1-1-1")).isTrue();
        assertThat(ids.contains("00000000-0000-0001-0000-000000000001")).isFalse();
        assertThat(ids.contains(new UUID(0, 0).toString())).isTrue();
        assertThat(ids.size()).isEqualTo(4);
    }

    @Test
    void addsEachIdOnce() {
        IdSet ids = new IdSet();
        ids.add("0fb2d2c8-e87c-470c-a0e4-303a6f3bec74");
        ids.add("0fb2d2c8-e87c-470c-a0e4-303a6f3bec74");
        ids.add(null);

        assertThat(ids.size()).isEqualTo(1);
        assertThat(ids.contains(null)).isFalse();
    }
}
