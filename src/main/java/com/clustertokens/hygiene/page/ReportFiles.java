package com.clustertokens.hygiene.page;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

import org.jboss.logging.Logger;

import com.clustertokens.hygiene.report.HygieneReport;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes a report's page, its CSV and its JSON to a folder, named after the cluster; the JSON left by the previous
 * run there is the page's "change since". Each file is written whole, then moved into place, so a reader never
 * sees half a page.
 */
public final class ReportFiles {

    private static final Logger LOG = Logger.getLogger(ReportFiles.class);

    public record Written(Path page, Path csv, Path json) {
    }

    private ReportFiles() {
    }

    /** Writes the files of {@code report} (one with a body) into {@code directory}, made if missing. */
    public static Written write(Path directory, HygieneReport report, RemediationSection remediation,
            ObjectMapper mapper) {
        String name = fileName(ReportPage.cluster(report));
        Path page = directory.resolve(name + ".html");
        Path csv = directory.resolve(name + ".stale.csv");
        Path json = directory.resolve(name + ".json");
        try {
            Files.createDirectories(directory);
            HygieneReport previous = previous(json, mapper);
            String html = ReportPage.render(new ReportPage.Input(report, previous, remediation,
                    csv.getFileName().toString()));
            replace(csv, StaleCsv.of(report));
            replace(page, html);
            replace(json, mapper.writeValueAsString(report));
        } catch (IOException e) {
            throw new UncheckedIOException("the report page could not be written to " + directory.toAbsolutePath(),
                    e);
        }
        return new Written(page, csv, json);
    }

    /** The previous run's report, or null when there is none or it cannot be read (said in the log). */
    private static HygieneReport previous(Path json, ObjectMapper mapper) {
        if (!Files.isRegularFile(json)) {
            return null;
        }
        try {
            return PreviousReport.read(mapper, Files.readString(json, StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.warnf("The previous report %s could not be read (%s): the page shows no change since it", json,
                    e.getMessage());
            return null;
        }
    }

    private static void replace(Path target, String content) throws IOException {
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        Files.writeString(partial, content, StandardCharsets.UTF_8);
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A file name for a cluster: its URL without scheme, every character but letters, digits, '.', '_' a dash. */
    static String fileName(String cluster) {
        String bare = cluster == null ? "cluster" : cluster.replaceFirst("^[A-Za-z][A-Za-z0-9+.-]*://", "");
        String name = bare.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._]+", "-").replaceAll("^[-.]+|-+$", "");
        return name.isEmpty() ? "cluster" : name;
    }
}
