package com.clustertokens.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class RunIdsTest {

    @Test
    void environmentsRestoredFromOneSnapshotDrawDifferentRunIdsOnceReseeded() {
        // Two copies of one snapshot hold one seed, and so would name their runs alike.
        RunIds first = new RunIds(42);
        RunIds second = new RunIds(42);
        assertThat(draws(first)).isEqualTo(draws(second));

        first.reseed();
        second.reseed();

        assertThat(draws(first)).isNotEqualTo(draws(second));
    }

    @Test
    void aRunIdIsEightHexDigits() {
        assertThat(new RunIds().next()).matches("[0-9a-f]{8}");
    }

    private static List<String> draws(RunIds ids) {
        return IntStream.range(0, 8).mapToObj(i -> ids.next()).toList();
    }
}
