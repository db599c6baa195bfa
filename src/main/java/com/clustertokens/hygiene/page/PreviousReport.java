package com.clustertokens.hygiene.page;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.clustertokens.hygiene.report.HygieneReport;
import com.clustertokens.hygiene.report.StalePeriod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a report back from the JSON stale-tokens wrote (a local file, an S3 object), for the "change since" section:
 * its heading, counts, last-use ages, stale sections and flags; the rest is left out.
 */
public final class PreviousReport {

    private PreviousReport() {
    }

    /** The report in {@code json}; throws IOException naming the part that is not a stale-tokens report. */
    public static HygieneReport read(ObjectMapper mapper, String json) throws IOException {
        JsonNode root = mapper.readTree(json);
        if (root == null || !root.isObject() || !root.hasNonNull("now") || !root.hasNonNull("clusterUrl")) {
            throw new IOException("not a stale-tokens report: no 'now' and 'clusterUrl'");
        }
        HygieneReport.Heading heading = new HygieneReport.Heading(instant(root, "generatedAt"), text(root, "cluster"),
                root.get("clusterUrl").asText(), text(root, "trigger"), instant(root, "now"), instant(root, "cutoff"),
                StalePeriod.parseOrNull(text(root, "staleAfter")), null);
        HygieneReport.Counts counts = root.hasNonNull("counts")
                ? mapper.treeToValue(root.get("counts"), HygieneReport.Counts.class)
                : null;
        HygieneReport.LastUseAges ages = root.hasNonNull("lastUseAge")
                ? mapper.treeToValue(root.get("lastUseAge"), HygieneReport.LastUseAges.class)
                : null;
        HygieneReport.Body body = new HygieneReport.Body(counts, ages, tokens(mapper, root, "stale"),
                tokens(mapper, root, "expiring"), tokens(mapper, root, "revoked"), null, null, null, List.of(),
                root.path("truncated").asBoolean(), root.path("mayBeIncomplete").asBoolean());
        return new HygieneReport(heading, body);
    }

    private static List<HygieneReport.StaleToken> tokens(ObjectMapper mapper, JsonNode root, String field)
            throws IOException {
        return root.hasNonNull(field)
                ? mapper.readerForListOf(HygieneReport.StaleToken.class).readValue(root.get(field))
                : new ArrayList<>();
    }

    /** The field's text; null when it is absent or null. */
    static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static Instant instant(JsonNode root, String field) throws IOException {
        String text = text(root, field);
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IOException("not a stale-tokens report: '" + field + "' is not an ISO-8601 instant");
        }
    }
}
