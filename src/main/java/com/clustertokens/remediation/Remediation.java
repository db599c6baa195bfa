package com.clustertokens.remediation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import com.clustertokens.cluster.ClusterTokenClient;
import com.clustertokens.error.AwsUnavailableException;
import com.clustertokens.remediation.ActionOutcome.Outcome;
import com.clustertokens.remediation.LedgerEntry.Action;
import com.clustertokens.remediation.Plan.Planned;

/** Acts on a plan, one token after the other, each action recorded before the next; stops at the first surprise. */
final class Remediation {

    private static final Logger LOG = Logger.getLogger(Remediation.class);

    private final Actions actions;

    Remediation(ClusterTokenClient cluster, Ledger ledger, String clusterKey, String run, Instant now) {
        this.actions = new Actions(cluster, ledger, clusterKey, run, now);
    }

    /**
     * What became of each planned action, in the plan's order (deletes first); none starts once the cluster's lock
     * ({@code held}) nears its expiry by {@code clock}, when another run may take it over.
     */
    List<ActionOutcome> apply(Plan plan, Map<String, LedgerEntry> entries, RunLock.Held held,
            RemediationClock clock) {
        List<ActionOutcome> outcomes = new ArrayList<>();
        String stoppedBy = null;
        for (Planned planned : plan.inOrder()) {
            if (stoppedBy != null) {
                outcomes.add(ActionOutcome.of(planned, Outcome.NOT_ATTEMPTED, "the run stopped after " + stoppedBy
                        + "; the next run takes it up"));
                continue;
            }
            if (!held.allowsActionAt(clock.now())) {
                stoppedBy = "its lock of the cluster nearing its expiry at " + held.until();
                outcomes.add(ActionOutcome.of(planned, Outcome.NOT_ATTEMPTED, "the run stopped: " + stoppedBy
                        + "; the next run takes it up"));
                continue;
            }
            ActionOutcome outcome;
            try {
                outcome = planned.action() == Action.DELETE
                        ? actions.delete(planned, entries.get(planned.id()))
                        : actions.revoke(planned, entries.get(planned.id()));
            } catch (AwsUnavailableException e) {
                outcome = ActionOutcome.of(planned, Outcome.NOT_ATTEMPTED, e.getMessage());
                stoppedBy = "the ledger could not be written";
            }
            if (outcome.stopsTheRun()) {
                LOG.warnf("%s %s %s (%s): %s - %s", RemediationService.FAILED_ACTION_MARKER, planned.action()
                        .wire(), planned.id(), planned.name(), outcome.outcome().wire(), outcome.note());
            } else {
                LOG.infof("%s %s (%s): %s%s", planned.action().wire(), planned.id(), planned.name(), outcome.outcome()
                        .wire(),
                        outcome.note() == null ? "" : " - " + outcome.note());
            }
            outcomes.add(outcome);
            if (stoppedBy == null && outcome.stopsTheRun()) {
                stoppedBy = "the " + planned.action().wire() + " of " + planned.id() + " (" + outcome.outcome().wire()
                        + ")";
            }
        }
        return outcomes;
    }
}
