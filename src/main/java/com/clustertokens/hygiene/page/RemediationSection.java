package com.clustertokens.hygiene.page;

import static com.clustertokens.hygiene.page.PreviousReport.text;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.clustertokens.error.Quoted;
import com.clustertokens.hygiene.report.HygieneReport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The remediation plan or the actions taken, as the page shows them: a {@code heading} ("plan, nothing is done
 * until applied", "done tonight"), one row per token, and notes (a cap that stopped the run, a failed action).
 * Neutral on purpose: whatever plans remediation fills it, and the page knows nothing of how.
 */
public record RemediationSection(String heading, List<Row> rows, List<String> notes) {

    public RemediationSection {
        rows = rows == null ? List.of() : List.copyOf(rows);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /**
     * {@code action}: revoke, delete, restore, skip, "revoke (rotated)"; {@code when} it happened or is due (null:
     * not scheduled).
     */
    public record Row(String tokenId, String name, String owner, String action, String reason, Instant when) {
    }

    /** The report's plan, read from its JSON (a stored report reads as a fresh one); null when it has none. */
    public static RemediationSection of(HygieneReport report, ObjectMapper mapper) {
        return of(report, null, mapper);
    }

    /**
     * The section of a report's {@code remediation} part and of what a remediation run did just before the report
     * ({@code tonight}: its {@code outcome} and {@code actions} as remediate-tokens returns them, or an
     * {@code outcome.failure}, the text of why the run failed; null when none ran): that run's actions first, then
     * what is due later; null when there is neither.
     */
    public static RemediationSection of(HygieneReport report, JsonNode tonight, ObjectMapper mapper) {
        Object content = report.sections() == null ? null : report.sections().get("remediation");
        JsonNode outcome = tonight == null ? null : tonight.path("outcome");
        boolean ran = outcome != null && outcome.hasNonNull("run");
        boolean failed = outcome != null && outcome.path("failure").isTextual();
        if (content == null && !ran && !failed) {
            return null;
        }
        JsonNode section = content == null ? mapper.createObjectNode() : mapper.valueToTree(content);
        List<String> notes = new ArrayList<>();
        if (failed) {
            notes.add("Tonight's remediation failed, nothing was done after it: " + Quoted.text(outcome.get("failure")
                    .asText(), 400));
        }
        if (section.hasNonNull("error")) {
            notes.add(section.get("error").asText());
            return new RemediationSection("no plan this time", List.of(), notes);
        }
        JsonNode done = ran ? outcome : section;
        if (done.hasNonNull("notApplied")) {
            notes.add("Not applied: " + done.get("notApplied").asText());
        }
        if (ran) {
            outcome.path("problems").forEach(problem -> notes.add("Needs a look: " + problem.asText()));
        }
        section.path("notes").forEach(note -> notes.add(note.asText()));
        List<Row> rows = new ArrayList<>();
        boolean applied = ran ? outcome.path("applied").asBoolean() : section.path("applied").asBoolean();
        if (applied) {
            (ran ? tonight : section).path("actions").forEach(a -> rows.add(new Row(text(a, "id"), text(a, "name"),
                    text(a, "owner"), text(a, "action") + ": " + text(a, "outcome"), text(a, "note"), null)));
        } else {
            JsonNode plan = section.path("plan");
            for (String kind : List.of("revoke", "delete")) {
                plan.path(kind).forEach(p -> rows.add(new Row(text(p, "id"), text(p, "name"), text(p, "owner"),
                        kind, text(p, "reason"), null)));
            }
        }
        // A token a rotation superseded is revoked first, when its grace ends (revokeAt), and deleted after that.
        section.path("plan").path("upcoming").forEach(u -> rows.add(u.hasNonNull("revokeAt")
                ? new Row(text(u, "id"), text(u, "name"), text(u, "owner"), "revoke (rotated)",
                        "replaced by a rotation: revoked when its grace ends, deleted at " + text(u, "deleteAt"),
                        instant(u, "revokeAt"))
                : new Row(text(u, "id"), text(u, "name"), text(u, "owner"), "delete (due)",
                        "revoked " + text(u, "revokedAt"), instant(u, "deleteAt"))));
        return new RemediationSection(applied ? "done tonight" : "plan, nothing is done until applied", rows, notes);
    }

    private static Instant instant(JsonNode node, String field) {
        try {
            return node.hasNonNull(field) ? Instant.parse(node.get(field).asText()) : null;
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
