package com.clustertokens.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reports in a local folder (FLEET_REPORT_FOLDER): local runs and tests, where there is no bucket. */
final class FolderReportStore implements ReportStore {

    private final Path folder;

    FolderReportStore(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    @Override
    public void put(String key, String contentType, byte[] body) {
        Path file = file(key);
        try {
            Files.createDirectories(file.getParent());
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            Files.write(partial, body);
            Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write report " + file, e);
        }
    }

    @Override
    public byte[] get(String key) {
        try {
            return Files.readAllBytes(file(key));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read report " + file(key), e);
        }
    }

    @Override
    public java.util.Optional<byte[]> find(String key) {
        return Files.isRegularFile(file(key)) ? java.util.Optional.of(get(key)) : java.util.Optional.empty();
    }

    @Override
    public String link(String key) {
        return file(key).toString();
    }

    private Path file(String key) {
        Path file = folder.resolve(key).normalize();
        if (!file.startsWith(folder)) {
            throw new IllegalArgumentException("report key leaves the report folder: " + key);
        }
        return file;
    }
}
