package com.clustertokens.fleet;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the fleet's reports go; each property is also read from its environment variable (FLEET_REPORT_BUCKET …). */
@ConfigMapping(prefix = "fleet")
public interface FleetConfig {

    /** S3 bucket the reports are written to (FLEET_REPORT_BUCKET); without it, the local folder below. */
    Optional<String> reportBucket();

    /** Folder the reports are written to when no bucket is set: local runs and tests (FLEET_REPORT_FOLDER). */
    @WithDefault("target/reports")
    String reportFolder();

    /** Key prefix of every report; a run's reports sit under prefix/run/ (FLEET_REPORT_PREFIX). */
    @WithDefault("reports/")
    String reportPrefix();

    /** Clusters the state machine reports at once, at most 40 (FLEET_MAP_CONCURRENCY, the template's FleetConcurrency). */
    @WithDefault("4")
    int mapConcurrency();

    /** Clusters reported at once by the in-process fleet run (FLEET_CONCURRENCY). */
    @WithDefault("4")
    int concurrency();
}
