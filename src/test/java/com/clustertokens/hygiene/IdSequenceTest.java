package com.clustertokens.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.clustertokens.cluster.ListEntry;

/**
 * The hand-over from the filling thread to cursors on other threads. A data race here shows on weakly ordered
 * CPUs (arm64) or under JIT reordering, rarely on x86: this is a stress loop in the manner of jcstress (many short
 * rounds, readers started together with the writer, growing arrays), checking every value each reader saw.
 */
class IdSequenceTest {

    private static final int ROUNDS = 40;
    private static final int IDS = 40_000; // past 4,096, 8,192, 16,384 and 32,768: four array growths a round
    private static final int READERS = 3;

    @Test
    @Timeout(120)
    void cursorsOnOtherThreadsSeeEveryIdTheFillerPublishedWhileItsArraysGrow() throws Exception {
        List<String> ids = mixedIds(new SplittableRandom(7));
        ExecutorService threads = Executors.newFixedThreadPool(READERS + 1);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                IdSequence sequence = new IdSequence();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<String>> readers = new ArrayList<>();
                for (int r = 0; r < READERS; r++) {
                    IdSequence.Cursor cursor = sequence.cursor();
                    readers.add(threads.submit(() -> walk(cursor, ids, start)));
                }
                Future<?> filler = threads.submit(() -> {
                    start.await();
                    ids.forEach(id -> sequence.accept(ListEntry.of(id, null)));
                    sequence.finish();
                    return null;
                });
                start.countDown();
                filler.get(60, TimeUnit.SECONDS);
                for (Future<String> reader : readers) {
                    assertThat(reader.get(60, TimeUnit.SECONDS)).as("round " + round).isEqualTo("exhausted");
                }
                assertThat(sequence.size()).isEqualTo(IDS);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** Walks the ids as the census does, and says what went wrong first, if anything. */
    private static String walk(IdSequence.Cursor cursor, List<String> ids, CountDownLatch start)
            throws InterruptedException {
        start.await();
        for (int i = 0; i < ids.size(); i++) {
            // An id that is not in the sequence must never match, whatever the cursor reads at its position.
            String absent = i % 2 == 0 ? ListEntry.compactId(true, i, 0) : new UUID(0, i + 1L).toString();
            if (cursor.advanceIf(ListEntry.of(absent, null))) {
                return "matched absent " + absent + " at " + i;
            }
            if (!cursor.advanceIf(ListEntry.of(ids.get(i), null))) {
                return "missed " + ids.get(i) + " at " + i;
            }
        }
        return cursor.exhausted() ? "exhausted" : "not exhausted";
    }

    /** Random ids of both compact forms, with some that have none (kept as Strings). */
    private static List<String> mixedIds(SplittableRandom random) {
        List<String> ids = new ArrayList<>(IDS);
        for (int i = 0; i < IDS; i++) {
            long high = random.nextLong() | 1L << 62; // never the absent ids above
            long low = random.nextLong();
            ids.add(switch (i % 5) {
                case 0, 1 -> ListEntry.compactId(true, high >>> 4, low >>> 4);
                case 2, 3 -> new UUID(high, low).toString();
                default -> "legacy-" + i;
            });
        }
        return ids;
    }
}
