package com.clustertokens.hygiene.page;

import java.time.Instant;
import java.util.List;

/**
 * The remediation plan or the actions taken, as the page shows them: a {@code heading} ("Plan: nothing is done
 * until applied", "Done tonight"), one row per token, and notes (a cap that stopped the run, the restore command).
 * Neutral on purpose: whatever plans remediation fills it, and the page knows nothing of how.
 */
public record RemediationSection(String heading, List<Row> rows, List<String> notes) {

    public RemediationSection {
        rows = rows == null ? List.of() : List.copyOf(rows);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /**
     * One token: its {@code tokenId}, {@code name}, {@code owner}, the {@code action} (revoke, delete, restore,
     * skip), the {@code reason}, and {@code when} it happened or is due (null: not scheduled).
     */
    public record Row(String tokenId, String name, String owner, String action, String reason, Instant when) {
    }
}
