package com.clustertokens.hygiene.census;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

import com.clustertokens.cluster.ListEntry;
import com.clustertokens.hygiene.report.HygieneReport;

/**
 * One pass over the full token list: counts every class and keeps id and name of at most {@code keep} tokens per
 * section, so memory stays flat however many tokens the cluster holds.
 */
final class Census implements Consumer<ListEntry> {

    record Candidate(String id, String name, TokenClass status) {
    }

    /** The index of the filtered list that holds the token, -1 for none. */
    private final ToIntFunction<ListEntry> classifier;
    private final BooleanSupplier exact;
    private final boolean[] activeLists;
    private final NamePatterns exclusions;
    private final int keep;
    private final Sections sections;

    long total;
    long active;
    long dormant;
    long noRecordedUse;
    long excluded;
    /** Tokens found in each filtered list, excluded ones included: what the last-use histogram counts. */
    final long[] seenIn;
    final List<Candidate> noRecordedUseKept = new ArrayList<>();
    final List<Candidate> dormantKept = new ArrayList<>();
    final List<HygieneReport.ExcludedToken> excludedKept = new ArrayList<>();
    /** Tokens each exclusion rule removed, by {@link NamePatterns#match} index. */
    final long[] excludedBy;

    private Census(ToIntFunction<ListEntry> classifier, BooleanSupplier exact, boolean[] activeLists,
            Sections sections) {
        this.classifier = classifier;
        this.exact = exact;
        this.activeLists = activeLists.clone();
        this.seenIn = new long[activeLists.length];
        this.exclusions = sections.exclusions();
        this.keep = sections.keep();
        this.sections = sections;
        this.excludedBy = new long[exclusions.rules()];
        sections.everyToken().pass();
    }

    /**
     * What sees every listed token (the expiry scan). A pass over the full list may be repeated (a retried list, or
     * the second read by lookup), so each pass starts with {@link #pass()}, and the same token comes again.
     */
    interface EveryToken {

        EveryToken NONE = new EveryToken() {
            @Override
            public void pass() {
            }

            @Override
            public void accept(Candidate candidate, boolean staleCandidate) {
            }
        };

        void pass();

        /** {@code staleCandidate}: kept for the stale sections, so the report needs its metadata whatever else. */
        void accept(Candidate candidate, boolean staleCandidate);
    }

    /**
     * At most {@code keep} tokens per section; the first {@code earlyLimit} with no recorded use go to {@code early}
     * as soon as found (their metadata is read first); every listed token, excluded ones too, goes to
     * {@code everyToken} (the expiry scan).
     */
    record Sections(NamePatterns exclusions, int keep, int earlyLimit, Consumer<Candidate> early,
            EveryToken everyToken) {

        Sections(NamePatterns exclusions, int keep, int earlyLimit, Consumer<Candidate> early) {
            this(exclusions, keep, earlyLimit, early, EveryToken.NONE);
        }
    }

    /** {@link #inListOrder(List, boolean[], Sections)} of the two halves at the cutoff, active first. */
    static Census inListOrder(IdSequence active, IdSequence dormant, Sections sections) {
        return inListOrder(List.of(active, dormant), new boolean[]{true, false}, sections);
    }

    /**
     * Walks the filtered lists' ids (youngest first; {@code activeLists} tells which hold active tokens) alongside
     * the full list, while they may still be filling; exact only if {@link #exact()} says so at the end (the
     * cluster kept one order and no token left between the queries).
     */
    static Census inListOrder(List<IdSequence> lists, boolean[] activeLists, Sections sections) {
        IdSequence.Cursor[] cursors = lists.stream().map(IdSequence::cursor).toArray(IdSequence.Cursor[]::new);
        return new Census(entry -> {
            // Every cursor is advanced: a cluster reading from/to inclusively could list a token in two lists that
            // meet at its last use; the younger one wins, as a bound belongs to the younger side.
            int found = -1;
            for (int i = 0; i < cursors.length; i++) {
                if (cursors[i].advanceIf(entry) && found < 0) {
                    found = i;
                }
            }
            return found;
        }, () -> {
            for (IdSequence.Cursor cursor : cursors) {
                if (!cursor.exhausted()) {
                    return false;
                }
            }
            return true;
        }, activeLists, sections);
    }

    /** {@link #byLookup(List, boolean[], Sections)} of the two halves at the cutoff, active first. */
    static Census byLookup(IdSet active, IdSet dormant, Sections sections) {
        return byLookup(List.of(active, dormant), new boolean[]{true, false}, sections);
    }

    /** A census that looks every token up in the filtered lists' ids, youngest first: exact in any order. */
    static Census byLookup(List<IdSet> lists, boolean[] activeLists, Sections sections) {
        IdSet[] sets = lists.toArray(IdSet[]::new);
        return new Census(entry -> {
            for (int i = 0; i < sets.length; i++) {
                if (sets[i].contains(entry)) {
                    return i;
                }
            }
            return -1;
        }, () -> true, activeLists, sections);
    }

    boolean exact() {
        return exact.getAsBoolean();
    }

    @Override
    public void accept(ListEntry entry) {
        total++;
        int list = classifier.applyAsInt(entry);
        TokenClass status;
        if (list < 0) {
            status = TokenClass.NO_RECORDED_USE;
        } else {
            seenIn[list]++;
            status = activeLists[list] ? TokenClass.ACTIVE : TokenClass.DORMANT;
        }
        Candidate candidate = new Candidate(entry.id(), entry.name(), status);
        sections.everyToken().accept(candidate, classify(entry, candidate));
    }

    /** Counts the token in its section; true when it is kept as a stale candidate. */
    private boolean classify(ListEntry entry, Candidate candidate) {
        int rule = exclusions.match(entry);
        if (rule != NamePatterns.NONE) {
            excludedBy[rule]++;
            if (excluded++ < keep) {
                excludedKept.add(new HygieneReport.ExcludedToken(entry.id(), entry.name(), exclusions.reason(rule),
                        candidate.status().wire()));
            }
            return false;
        }
        switch (candidate.status()) {
            case ACTIVE -> active++;
            case DORMANT -> {
                if (dormant++ < keep) {
                    dormantKept.add(candidate);
                    return true;
                }
            }
            case NO_RECORDED_USE -> {
                if (noRecordedUse++ < keep) {
                    noRecordedUseKept.add(candidate);
                    if (noRecordedUse <= sections.earlyLimit()) {
                        sections.early().accept(candidate);
                    }
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The stale candidates kept, at most {@code keep}, in the order their metadata is read: no recorded use first
     * (only their creation time tells stale from new), then dormant, each in list order.
     */
    List<Candidate> candidates(int keep) {
        List<Candidate> all = new ArrayList<>(noRecordedUseKept);
        all.addAll(dormantKept);
        return all.size() > keep ? List.copyOf(all.subList(0, keep)) : all;
    }
}
