package com.clustertokens.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.clustertokens.aws.AwsClients;
import com.clustertokens.aws.AwsFailures;
import com.clustertokens.aws.ConsoleLinks;
import com.clustertokens.error.ReportNotStoredException;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Where reports are kept: the bucket FLEET_REPORT_BUCKET, linked in the AWS console so that reading one takes the
 * reader's own AWS login and the bucket stays private; else the folder FLEET_REPORT_FOLDER (local runs and tests).
 */
@ApplicationScoped
public class Reports {

    private final FleetConfig config;
    private final AwsClients aws;

    public Reports(FleetConfig config, AwsClients aws) {
        this.config = config;
        this.aws = aws;
    }

    public String prefix() {
        String prefix = config.reportPrefix();
        return prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    }

    /** Writes {@code body} under {@code key}, replacing what was there (a retried step writes the same report). */
    void put(String key, String contentType, byte[] body) {
        Optional<String> bucket = bucket();
        if (bucket.isPresent()) {
            try {
                aws.s3().putObject(b -> b.bucket(bucket.get()).key(key).contentType(contentType)
                        .overrideConfiguration(aws.withinBudget()), RequestBody.fromBytes(body));
            } catch (SdkException e) {
                throw new ReportNotStoredException("Could not write report s3://" + bucket.get() + "/" + key + ": "
                        + AwsFailures.describe(e), AwsFailures.retryable(e));
            }
            return;
        }
        Path file = file(key);
        try {
            Files.createDirectories(file.getParent());
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            Files.write(partial, body);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write report " + file, e);
        }
    }

    /** The object under {@code key}, empty when there is none. */
    Optional<byte[]> find(String key) {
        Optional<String> bucket = bucket();
        if (bucket.isPresent()) {
            try {
                return Optional.of(aws.s3().getObjectAsBytes(b -> b.bucket(bucket.get()).key(key)
                        .overrideConfiguration(aws.withinBudget())).asByteArray());
            } catch (NoSuchKeyException e) {
                return Optional.empty();
            } catch (SdkException e) {
                throw new ReportNotStoredException("Could not read report s3://" + bucket.get() + "/" + key + ": "
                        + AwsFailures.describe(e), AwsFailures.retryable(e));
            }
        }
        Path file = file(key);
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read report " + file, e);
        }
    }

    byte[] get(String key) {
        return find(key).orElseThrow(() -> new ReportNotStoredException("There is no report " + link(key), false));
    }

    /** Where a person opens the object: the AWS console's page of it, or the file's path. */
    String link(String key) {
        return bucket().map(bucket -> ConsoleLinks.s3Object(aws.region().id(), bucket, key))
                .orElseGet(() -> file(key).toString());
    }

    private Optional<String> bucket() {
        return config.reportBucket().filter(b -> !b.isBlank());
    }

    private Path file(String key) {
        Path folder = Path.of(config.reportFolder()).toAbsolutePath().normalize();
        Path file = folder.resolve(key).normalize();
        if (!file.startsWith(folder)) {
            throw new IllegalArgumentException("report key leaves the report folder: " + key);
        }
        return file;
    }
}
