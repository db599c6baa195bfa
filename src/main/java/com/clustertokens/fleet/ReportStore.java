package com.clustertokens.fleet;

/** Where a fleet run's reports are kept: S3 on AWS, a folder in local runs and tests. */
public interface ReportStore {

    /** Writes {@code body} under {@code key}, replacing what was there (a retried step writes the same report). */
    void put(String key, String contentType, byte[] body);

    byte[] get(String key);

    java.util.Optional<byte[]> find(String key);

    /** Where a person opens the object: the AWS console's page of it, or the file's path. */
    String link(String key);
}
