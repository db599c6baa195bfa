package com.clustertokens.hygiene;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import com.clustertokens.cluster.TokenStub;

/**
 * One pass over the full token list: counts every class and keeps id and name of at most {@code keep} tokens per
 * section, so memory stays flat however many tokens the cluster holds.
 */
final class Census {

    /** A stale token as the list shows it, before its metadata is read. */
    record Candidate(String id, String name, TokenClass status) {
    }

    long total;
    long active;
    long dormant;
    long noRecordedUse;
    long excluded;
    final List<Candidate> noRecordedUseKept = new ArrayList<>();
    final List<Candidate> dormantKept = new ArrayList<>();
    final List<HygieneReport.ExcludedToken> excludedKept = new ArrayList<>();

    private Census() {
    }

    /** Classifies each entry of {@code entries} by the ids the active and dormant queries returned. */
    static Census take(Stream<TokenStub> entries, IdSet activeIds, IdSet dormantIds, NamePatterns exclusions,
            int keep) {
        Census census = new Census();
        for (Iterator<TokenStub> it = entries.iterator(); it.hasNext();) {
            TokenStub stub = it.next();
            census.total++;
            // A cluster reading from/to inclusively could return a token in both: it was in use, so active wins.
            TokenClass status = activeIds.contains(stub.id()) ? TokenClass.ACTIVE
                    : dormantIds.contains(stub.id()) ? TokenClass.DORMANT : TokenClass.NO_RECORDED_USE;
            String reason = exclusions.reason(stub.name());
            if (reason != null) {
                census.excluded++;
                if (census.excludedKept.size() < keep) {
                    census.excludedKept.add(new HygieneReport.ExcludedToken(stub.id(), stub.name(), reason,
                            status.wire()));
                }
                continue;
            }
            switch (status) {
                case ACTIVE -> census.active++;
                case DORMANT -> {
                    census.dormant++;
                    if (census.dormantKept.size() < keep) {
                        census.dormantKept.add(new Candidate(stub.id(), stub.name(), status));
                    }
                }
                case NO_RECORDED_USE -> {
                    census.noRecordedUse++;
                    if (census.noRecordedUseKept.size() < keep) {
                        census.noRecordedUseKept.add(new Candidate(stub.id(), stub.name(), status));
                    }
                }
            }
        }
        return census;
    }

    /**
     * The stale tokens kept, at most {@code keep}, in the order their metadata is read: no recorded use first
     * (never used is the oldest possible use), then dormant, each in list order.
     */
    List<Candidate> candidates(int keep) {
        List<Candidate> all = new ArrayList<>(noRecordedUseKept);
        all.addAll(dormantKept);
        return all.size() > keep ? List.copyOf(all.subList(0, keep)) : all;
    }

    long stale() {
        return dormant + noRecordedUse;
    }
}
