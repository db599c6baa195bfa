package com.clustertokens.hygiene.page;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.clustertokens.hygiene.report.HygieneReport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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

    /**
     * The section of a report's {@code remediation} part, read as its JSON says it (so a stored report reads the same
     * as a fresh one): what was done tonight when the run acted, else the plan; null when the report has none.
     */
    public static RemediationSection of(HygieneReport report, ObjectMapper mapper) {
        Object content = report.sections() == null ? null : report.sections().get("remediation");
        if (content == null) {
            return null;
        }
        JsonNode section = mapper.valueToTree(content);
        List<String> notes = new ArrayList<>();
        if (section.hasNonNull("error")) {
            return new RemediationSection("Remediation: no plan this time", List.of(), List.of(section.get("error")
                    .asText()));
        }
        if (section.hasNonNull("notApplied")) {
            notes.add("Not applied: " + section.get("notApplied").asText());
        }
        section.path("notes").forEach(note -> notes.add(note.asText()));
        List<Row> rows = new ArrayList<>();
        boolean applied = section.path("applied").asBoolean();
        if (applied) {
            section.path("actions").forEach(a -> rows.add(new Row(text(a, "id"), text(a, "name"), text(a, "owner"),
                    text(a, "action") + ": " + text(a, "outcome"), text(a, "note"), null)));
        } else {
            JsonNode plan = section.path("plan");
            for (String kind : List.of("revoke", "delete")) {
                plan.path(kind).forEach(p -> rows.add(new Row(text(p, "id"), text(p, "name"), text(p, "owner"),
                        kind, text(p, "reason"), null)));
            }
        }
        section.path("plan").path("upcoming").forEach(u -> rows.add(new Row(text(u, "id"), text(u, "name"),
                text(u, "owner"), "delete (due)", "revoked " + text(u, "revokedAt"), instant(u, "deleteAt"))));
        return new RemediationSection(applied
                ? "Remediation: done tonight"
                : "Remediation plan: nothing is done "
                        + "until applied", rows, notes);
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static Instant instant(JsonNode node, String field) {
        try {
            return node.hasNonNull(field) ? Instant.parse(node.get(field).asText()) : null;
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
