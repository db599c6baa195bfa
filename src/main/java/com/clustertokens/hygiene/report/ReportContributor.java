package com.clustertokens.hygiene.report;

import java.util.Optional;

import com.clustertokens.cluster.ClusterTokenClient;

/**
 * A feature that adds a section to the stale-tokens report without hygiene depending on it: HygieneService asks
 * every contributor bean once the census is reported. A contributor must not throw for its own trouble: it reports
 * it inside its section, so one failing feature never costs the report.
 */
public interface ReportContributor {

    /** The section for {@code report} (with a body and a summary) of {@code cluster}'s cluster, or empty. */
    Optional<ReportSection> sectionFor(ClusterTokenClient cluster, HygieneReport report);
}
