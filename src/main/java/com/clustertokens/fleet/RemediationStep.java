package com.clustertokens.fleet;

import java.util.List;

import com.clustertokens.remediation.ActionOutcome;
import com.clustertokens.remediation.RunOutcome;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** What a cluster's remediate step handed to its report step, as the state machine or {@link FleetRun} puts it. */
public record RemediationStep(RunOutcome outcome, List<ActionOutcome> actions) {

    static final String FIELD = "remediation";

    /** The outcome worth telling (a run that took place or failed), else null: the step did not run. */
    static RunOutcome told(RemediationStep step) {
        return step == null || step.outcome() == null || !step.outcome().happened() ? null : step.outcome();
    }

    /** The step for the report page: its failure as the one line a person reads; null when nothing to tell. */
    JsonNode forPage(ObjectMapper mapper) {
        RunOutcome told = told(this);
        if (told == null) {
            return null;
        }
        ObjectNode page = mapper.createObjectNode();
        ObjectNode shown = mapper.valueToTree(told);
        if (told.failure() != null) {
            shown.put("failure", FleetErrors.describe(told.failure().error(), told.failure().cause(), mapper));
        }
        page.set("outcome", shown);
        page.set("actions", mapper.valueToTree(actions == null ? List.of() : actions));
        return page;
    }
}
