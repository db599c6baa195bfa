package com.clustertokens.hygiene.census;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import com.clustertokens.cluster.CompactIds;
import com.clustertokens.cluster.ListEntry;

class CensusTest {

    private static final int TOKENS = 30_000;

    private final List<String> ids = new ArrayList<>();
    private final List<String> active = new ArrayList<>();
    private final List<String> dormant = new ArrayList<>();
    private final List<Census.Candidate> early = new ArrayList<>();

    CensusTest() {
        // Every third token active, every third dormant, the rest never used; one id that is not a UUID.
        for (int i = 0; i < TOKENS; i++) {
            String id = i == 7 ? "legacy-token-7" : new UUID(i * 7919L + 1, i).toString();
            ids.add(id);
            (i % 3 == 0 ? active : i % 3 == 1 ? dormant : new ArrayList<String>()).add(id);
        }
    }

    @Test
    void classifiesInListOrderWhileTheFilteredListsAreStillFilling() {
        IdSequence activeIds = new IdSequence();
        IdSequence dormantIds = new IdSequence();
        CompletableFuture<Void> filling = CompletableFuture.allOf(
                CompletableFuture.runAsync(() -> fillSlowly(activeIds, active)),
                CompletableFuture.runAsync(() -> fillSlowly(dormantIds, dormant)));

        Census census = walk(Census.inListOrder(activeIds, dormantIds, sections(5)), ids);
        filling.join();

        assertThat(census.exact()).isTrue();
        assertCounts(census);
        assertThat(early).extracting(Census.Candidate::id).containsExactlyElementsOf(
                List.of(ids.get(2), ids.get(5), ids.get(8), ids.get(11), ids.get(14)));
    }

    @Test
    void isNotExactWhenTheFullListComesInAnotherOrderAndLookupThenIs() {
        IdSequence activeIds = filled(active);
        IdSequence dormantIds = filled(dormant);
        List<String> reordered = new ArrayList<>(ids);
        reordered.add(0, reordered.remove(TOKENS - 3)); // an active token moved to the front

        Census inOrder = walk(Census.inListOrder(activeIds, dormantIds, sections(0)), reordered);
        Census byLookup = walk(Census.byLookup(activeIds.toSet(), dormantIds.toSet(), sections(0)), reordered);

        assertThat(inOrder.exact()).isFalse();
        assertThat(byLookup.exact()).isTrue();
        assertCounts(byLookup);
    }

    @Test
    void isNotExactWhenAFilteredListWasAbandonedOrATokenLeftBetweenTheQueries() {
        IdSequence abandoned = new IdSequence();
        fill(abandoned, active.subList(0, 10));
        abandoned.abandon();
        List<String> withoutOneDormant = new ArrayList<>(ids);
        withoutOneDormant.remove(dormant.get(5));

        assertThat(walk(Census.inListOrder(abandoned, filled(dormant), sections(0)), ids).exact()).isFalse();
        assertThat(walk(Census.inListOrder(filled(active), filled(dormant), sections(0)), withoutOneDormant)
                .exact()).isFalse();
    }

    @Test
    void countsATokenInBothFilteredListsAsActive() {
        String both = ids.get(1); // dormant, and listed as active too by an inclusive cluster
        List<String> activeToo = new ArrayList<>(active);
        activeToo.add(1, both);

        Census census = walk(Census.inListOrder(filled(activeToo), filled(dormant), sections(0)), ids);

        assertThat(census.exact()).isTrue();
        assertThat(census.active).isEqualTo(active.size() + 1);
        assertThat(census.dormant).isEqualTo(dormant.size() - 1);
    }

    @Test
    void countsEachTokenInTheFilteredListThatHoldsItWhenTheListsComeInPiecesInOrderOrByLookup() {
        // The active and dormant lists each in two pieces, as the last-use histogram asks them, filling at once.
        List<List<String>> pieces = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>());
        for (int i = 0; i < TOKENS; i++) {
            int piece = i % 6 == 0 ? 0 : i % 6 == 3 ? 1 : i % 6 == 1 ? 2 : i % 6 == 4 ? 3 : -1;
            if (piece >= 0) {
                pieces.get(piece).add(ids.get(i));
            }
        }
        boolean[] activeLists = {true, true, false, false};
        List<IdSequence> filling = pieces.stream().map(piece -> new IdSequence()).toList();
        CompletableFuture<?>[] fills = new CompletableFuture<?>[pieces.size()];
        for (int p = 0; p < fills.length; p++) {
            int piece = p;
            fills[p] = CompletableFuture.runAsync(() -> fillSlowly(filling.get(piece), pieces.get(piece)));
        }

        Census inOrder = walk(Census.inListOrder(filling, activeLists, sections(0)), ids);
        CompletableFuture.allOf(fills).join();
        List<String> reordered = new ArrayList<>(ids);
        Collections.reverse(reordered);
        Census byLookup = walk(Census.byLookup(filling.stream().map(IdSequence::toSet).toList(), activeLists,
                sections(0)), reordered);

        assertThat(inOrder.exact()).isTrue();
        for (Census census : List.of(inOrder, byLookup)) {
            assertCounts(census, active, dormant);
            assertThat(census.seenIn).containsExactly(pieces.stream().mapToLong(List::size).toArray());
        }
    }

    @Test
    void countsATokenListedInTwoPiecesThatMeetAtItsLastUseInTheYoungerOne() {
        // active.get(1) is listed by an inclusive cluster in both pieces of the active list.
        List<String> younger = new ArrayList<>(active.subList(0, 2));
        List<String> older = new ArrayList<>(active.subList(1, active.size()));

        Census census = walk(Census.inListOrder(List.of(filled(younger), filled(older), filled(dormant)),
                new boolean[]{true, true, false}, sections(0)), ids);

        assertThat(census.exact()).isTrue();
        assertThat(census.seenIn).containsExactly(2, active.size() - 2, dormant.size());
        assertCounts(census);
    }

    @Test
    void keepsDt0c01IdsOnTheFastPathAndTellsThemFromUuidsWithTheSameBits() {
        List<String> all = new ArrayList<>();
        List<String> activeToo = new ArrayList<>();
        List<String> dormantToo = new ArrayList<>();
        List<String> nearMisses = List.of("dt0c01.ABCDEFGHIJKLMNOPQRSTUVWx", "dt0c01.ABCDEFGHIJKLMNOPQRSTUVW0");
        for (int i = 0; i < TOKENS; i++) {
            // dt0c01 ids; every tenth a UUID of the previous id's very bits, in another class; two near misses.
            String id = i < nearMisses.size() * 3 && i % 3 == 0
                    ? nearMisses.get(i / 3)
                    : i % 10 == 9
                            ? new UUID((i - 1) * 7919L + 1, i - 1).toString()
                            : CompactIds.idOf(true, i * 7919L + 1, i);
            all.add(id);
            (i % 3 == 0 ? activeToo : i % 3 == 1 ? dormantToo : new ArrayList<String>()).add(id);
        }
        IdSequence activeIds = new IdSequence();
        IdSequence dormantIds = new IdSequence();
        CompletableFuture<Void> filling = CompletableFuture.allOf(
                CompletableFuture.runAsync(() -> fillSlowly(activeIds, activeToo)),
                CompletableFuture.runAsync(() -> fillSlowly(dormantIds, dormantToo)));

        Census inOrder = walk(Census.inListOrder(activeIds, dormantIds, sections(0)), all);
        filling.join();
        List<String> reordered = new ArrayList<>(all);
        Collections.reverse(reordered);
        Census byLookup = walk(Census.byLookup(activeIds.toSet(), dormantIds.toSet(), sections(0)), reordered);

        assertThat(inOrder.exact()).isTrue();
        assertCounts(inOrder, activeToo, dormantToo);
        assertCounts(byLookup, activeToo, dormantToo);
        assertThat(activeIds.keptAsStrings()).as("only the near misses are Strings").isEqualTo(nearMisses.size());
        assertThat(dormantIds.keptAsStrings()).isZero();
    }

    private void assertCounts(Census census) {
        assertCounts(census, active, dormant);
        assertThat(census.dormantKept).extracting(Census.Candidate::id).startsWith(dormant.get(0), dormant.get(1));
    }

    private static void assertCounts(Census census, List<String> active, List<String> dormant) {
        assertThat(census.total).isEqualTo(TOKENS);
        assertThat(census.active).isEqualTo(active.size());
        assertThat(census.dormant).isEqualTo(dormant.size());
        assertThat(census.noRecordedUse).isEqualTo(TOKENS - active.size() - dormant.size());
    }

    private Census.Sections sections(int earlyLimit) {
        List<String> problems = new ArrayList<>();
        return new Census.Sections(NamePatterns.of(List.of(), List.of(), problems), 100, earlyLimit, early::add);
    }

    private static Census walk(Census census, List<String> list) {
        for (String id : list) {
            census.accept(ListEntry.of(id, "token " + id));
        }
        return census;
    }

    private static IdSequence filled(List<String> list) {
        IdSequence sequence = new IdSequence();
        fill(sequence, list);
        sequence.finish();
        return sequence;
    }

    private static void fill(IdSequence sequence, List<String> list) {
        list.forEach(id -> sequence.accept(ListEntry.of(id, null)));
    }

    private static void fillSlowly(IdSequence sequence, List<String> list) {
        for (int i = 0; i < list.size(); i++) {
            sequence.accept(ListEntry.of(list.get(i), null));
            if (i % 1000 == 0) {
                Thread.yield(); // let the census catch up and wait for more
            }
        }
        sequence.finish();
    }
}
