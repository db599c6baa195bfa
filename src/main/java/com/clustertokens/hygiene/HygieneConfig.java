package com.clustertokens.hygiene;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of stale-tokens' census and report; each is also read from its environment variable
 * ({@code hygiene.stale-after} = {@code HYGIENE_STALE_AFTER}). The sinks' settings are in {@code DeliveryConfig}.
 */
@ConfigMapping(prefix = "hygiene")
public interface HygieneConfig {

    /** A token not used for this long is stale, unless the request says otherwise: a {@code StalePeriod} (HYGIENE_STALE_AFTER). */
    @WithDefault("P90D")
    String staleAfter();

    /** Names of tokens the cluster creates itself; reported as excluded, never as stale (HYGIENE_AUTO_CREATED_NAMES). */
    @WithDefault("InstallerDownload,Mobile")
    List<String> autoCreatedNames();

    /** Most stale tokens whose metadata (owner, last use, expiry) is fetched per run (HYGIENE_ENRICH_LIMIT). */
    @WithDefault("200")
    int enrichLimit();

    /** Metadata requests in flight at once (HYGIENE_ENRICH_CONCURRENCY). */
    @WithDefault("4")
    int enrichConcurrency();

    /** Stale tokens expiring within this time of now get their own section (HYGIENE_EXPIRY_HORIZON). */
    @WithDefault("P14D")
    Duration expiryHorizon();

    /** An in-use token expiring within this time of now heads the summary (HYGIENE_EXPIRY_WARNING). */
    @WithDefault("P14D")
    Duration expiryWarning();

    /** An in-use token created this long ago or longer is due for rotation (HYGIENE_ROTATE_AFTER). */
    @WithDefault("P90D")
    Duration rotateAfter();

    /** Most tokens whose expiry is read per run, the rest counted and named as not read; 0: no scan (HYGIENE_EXPIRY_SCAN_LIMIT). */
    @WithDefault("10000")
    int expiryScanLimit();

    /** No expiry read starts with less than this left before the invocation's deadline (HYGIENE_EXPIRY_SCAN_RESERVE). */
    @WithDefault("PT10S")
    Duration expiryScanReserve();

    /** The {@code limit} sent with every list query; a response of exactly this many may be cut off (HYGIENE_LIST_LIMIT). */
    @WithDefault("1000000")
    int listLimit();

    /** Most entries listed per report section; the rest are counted, and the report says it is truncated (HYGIENE_REPORT_LIMIT). */
    @WithDefault("1000")
    int reportLimit();

    /** Whether the report counts tokens by last-use age: the census's lists asked in pieces, no byte more (HYGIENE_LAST_USE_HISTOGRAM). */
    @WithDefault("true")
    boolean lastUseHistogram();

    /** Folder each run writes the report's page, CSV and JSON to; unset on Lambda, local: target/reports (HYGIENE_PAGE_DIRECTORY). */
    Optional<String> pageDirectory();

    /** Most tokens per section named in the chat summary (HYGIENE_SUMMARY_LINES). */
    @WithDefault("25")
    int summaryLines();
}
