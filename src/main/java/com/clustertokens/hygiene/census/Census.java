package com.clustertokens.hygiene.census;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

import com.clustertokens.cluster.ListEntry;
import com.clustertokens.hygiene.report.HygieneReport;

/**
 * One pass over the full token list: counts every class and keeps id and name of at most {@code keep} tokens per
 * section, so memory stays flat however many tokens the cluster holds.
 */
final class Census implements Consumer<ListEntry> {

    /** A stale token as the list shows it, before its metadata is read. */
    record Candidate(String id, String name, TokenClass status) {
    }

    private final Function<ListEntry, TokenClass> classifier;
    private final BooleanSupplier exact;
    private final NamePatterns exclusions;
    private final int keep;
    private final Consumer<Candidate> early;
    private final int earlyLimit;

    long total;
    long active;
    long dormant;
    long noRecordedUse;
    long excluded;
    /** Tokens of the active / dormant class, excluded ones included: the used tokens of the last-use histogram. */
    long seenActive;
    long seenDormant;
    final List<Candidate> noRecordedUseKept = new ArrayList<>();
    final List<Candidate> dormantKept = new ArrayList<>();
    final List<HygieneReport.ExcludedToken> excludedKept = new ArrayList<>();
    /** Tokens each exclusion rule removed, by {@link NamePatterns#match} index. */
    final long[] excludedBy;

    private Census(Function<ListEntry, TokenClass> classifier, BooleanSupplier exact, Sections sections) {
        this.classifier = classifier;
        this.exact = exact;
        this.exclusions = sections.exclusions();
        this.keep = sections.keep();
        this.early = sections.early();
        this.earlyLimit = sections.earlyLimit();
        this.excludedBy = new long[exclusions.rules()];
    }

    /**
     * How entries are sorted into the report: {@code exclusions}, at most {@code keep} tokens per section, and the
     * first {@code earlyLimit} tokens with no recorded use handed to {@code early} as soon as they are found (they
     * are the first whose metadata the report reads).
     */
    record Sections(NamePatterns exclusions, int keep, int earlyLimit, Consumer<Candidate> early) {
    }

    /**
     * A census that walks the active and dormant ids alongside the full list, while they may still be filling;
     * exact only if {@link #exact()} says so at the end, that is if the cluster kept one order and no token left
     * between the queries.
     */
    static Census inListOrder(IdSequence active, IdSequence dormant, Sections sections) {
        IdSequence.Cursor inActive = active.cursor();
        IdSequence.Cursor inDormant = dormant.cursor();
        return new Census(entry -> {
            // Both are advanced: a cluster reading from/to inclusively could list a token in both; active wins.
            boolean isActive = inActive.advanceIf(entry);
            boolean isDormant = inDormant.advanceIf(entry);
            return isActive ? TokenClass.ACTIVE : isDormant ? TokenClass.DORMANT : TokenClass.NO_RECORDED_USE;
        }, () -> inActive.exhausted() && inDormant.exhausted(), sections);
    }

    /** A census that looks every token up in the active and dormant ids: exact in any order. */
    static Census byLookup(IdSet active, IdSet dormant, Sections sections) {
        return new Census(entry -> active.contains(entry)
                ? TokenClass.ACTIVE
                : dormant.contains(entry) ? TokenClass.DORMANT : TokenClass.NO_RECORDED_USE,
                () -> true, sections);
    }

    /** Whether every token was classified exactly; if not, the full list must be walked again by lookup. */
    boolean exact() {
        return exact.getAsBoolean();
    }

    /** Counts one entry of the full list, keeping its id and name if its section still has room. */
    @Override
    public void accept(ListEntry entry) {
        total++;
        TokenClass status = classifier.apply(entry);
        if (status == TokenClass.ACTIVE) {
            seenActive++;
        } else if (status == TokenClass.DORMANT) {
            seenDormant++;
        }
        int rule = exclusions.match(entry);
        if (rule != NamePatterns.NONE) {
            excluded++;
            excludedBy[rule]++;
            if (excludedKept.size() < keep) {
                excludedKept.add(new HygieneReport.ExcludedToken(entry.id(), entry.name(), exclusions.reason(rule),
                        status.wire()));
            }
            return;
        }
        switch (status) {
            case ACTIVE -> active++;
            case DORMANT -> {
                dormant++;
                if (dormantKept.size() < keep) {
                    dormantKept.add(new Candidate(entry.id(), entry.name(), status));
                }
            }
            case NO_RECORDED_USE -> {
                noRecordedUse++;
                if (noRecordedUseKept.size() < keep) {
                    Candidate candidate = new Candidate(entry.id(), entry.name(), status);
                    noRecordedUseKept.add(candidate);
                    if (noRecordedUseKept.size() <= earlyLimit) {
                        early.accept(candidate);
                    }
                }
            }
        }
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
