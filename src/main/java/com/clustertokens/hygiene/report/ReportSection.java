package com.clustertokens.hygiene.report;

/**
 * One contributed part of the report: its {@code name} (the key under the report's {@code sections}), its JSON
 * {@code content}, and the lines it adds to the chat summary (Markdown like the rest of it; may be empty).
 */
public record ReportSection(String name, Object content, String summary) {
}
