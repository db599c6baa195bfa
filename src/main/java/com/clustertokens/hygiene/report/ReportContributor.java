package com.clustertokens.hygiene.report;

import java.util.Optional;

import com.clustertokens.cluster.ClusterTokenClient;

/**
 * A feature that adds a section to the stale-tokens report without hygiene depending on it: HygieneService asks
 * every contributor bean once the census is reported. A contributor must not throw for its own trouble: it reports
 * it inside its section, so one failing feature never costs the report.
 */
public interface ReportContributor {

    /**
     * The section this feature adds to {@code report} (a report with a body and a summary) of the cluster
     * {@code cluster} is bound to, or empty for none.
     */
    Optional<ReportSection> sectionFor(ClusterTokenClient cluster, HygieneReport report);
}
