package com.clustertokens.remediation;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.clustertokens.cluster.ClusterTokenClient;
import com.clustertokens.error.TokenFunctionException;
import com.clustertokens.hygiene.report.HygieneReport;
import com.clustertokens.hygiene.report.ReportContributor;
import com.clustertokens.hygiene.report.ReportSection;

/** The remediation plan as the stale-tokens report's {@code remediation} section, where a ledger is configured. */
@ApplicationScoped
public class PlanReportSection implements ReportContributor {

    static final String NAME = "remediation";

    private static final Logger LOG = Logger.getLogger(PlanReportSection.class);

    private final RemediationService remediation;
    private final Ledger ledger;

    public PlanReportSection(RemediationService remediation, Ledger ledger) {
        this.remediation = remediation;
        this.ledger = ledger;
    }

    @Override
    public Optional<ReportSection> sectionFor(ClusterTokenClient cluster, HygieneReport report) {
        if (!ledger.configured() || report.body() == null || report.body().counts() == null) {
            return Optional.empty();
        }
        try {
            RemediationReport plan = remediation.planFor(cluster, report);
            return Optional.of(new ReportSection(NAME, plan, plan.summary()));
        } catch (TokenFunctionException e) {
            LOG.warnf("The remediation plan could not be made for the report: %s", e);
            return Optional.of(new ReportSection(NAME, Map.of("error", e.toString()),
                    "*Token remediation*: no plan this time (" + e + ")"));
        }
    }
}
