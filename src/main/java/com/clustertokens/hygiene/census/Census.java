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

    record Candidate(String id, String name, TokenClass status) {
    }

    private final Function<ListEntry, TokenClass> classifier;
    private final BooleanSupplier exact;
    private final NamePatterns exclusions;
    private final int keep;
    private final Sections sections;

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

    /**
     * Walks the active and dormant ids alongside the full list, while they may still be filling; exact only if
     * {@link #exact()} says so at the end (the cluster kept one order and no token left between the queries).
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

    boolean exact() {
        return exact.getAsBoolean();
    }

    @Override
    public void accept(ListEntry entry) {
        total++;
        TokenClass status = classifier.apply(entry);
        if (status == TokenClass.ACTIVE) {
            seenActive++;
        } else if (status == TokenClass.DORMANT) {
            seenDormant++;
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
