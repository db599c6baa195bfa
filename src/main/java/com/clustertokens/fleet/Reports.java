package com.clustertokens.fleet;

import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;

import com.clustertokens.aws.AwsClients;

/** Where this deployment keeps its reports: the bucket FLEET_REPORT_BUCKET, else the folder FLEET_REPORT_FOLDER. */
@ApplicationScoped
public class Reports {

    private final FleetConfig config;
    private final AwsClients aws;
    private volatile ReportStore store;

    public Reports(FleetConfig config, AwsClients aws) {
        this.config = config;
        this.aws = aws;
    }

    public ReportStore store() {
        ReportStore current = store;
        if (current == null) {
            current = config.reportBucket().filter(b -> !b.isBlank())
                    .<ReportStore>map(bucket -> new S3ReportStore(aws, bucket))
                    .orElseGet(() -> new FolderReportStore(Path.of(config.reportFolder())));
            store = current;
        }
        return current;
    }

    public String prefix() {
        String prefix = config.reportPrefix();
        return prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    }
}
