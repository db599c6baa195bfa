package com.clustertokens.remediation;

import com.clustertokens.security.Masked;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What became of one planned action: {@code outcome} is done, skipped (the check before it found a reason; nothing
 * sent), unknown (sent, no answer says whether it took effect: recorded, settled by the next run), failed (the
 * cluster refused it; nothing changed) or notAttempted (the run stopped before it).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActionOutcome(String action, String id, @Masked String name, @Masked String owner, String outcome,
        @Masked String note) {

    static ActionOutcome of(Plan.Planned planned, String outcome, String note) {
        return new ActionOutcome(planned.action(), planned.id(), planned.name(), planned.owner(), outcome, note);
    }

    /** Whether the run must stop after this: the cluster answered in a way that calls for a person or a later run. */
    @JsonIgnore
    boolean stopsTheRun() {
        return outcome.equals("unknown") || outcome.equals("failed");
    }

    @JsonIgnore
    boolean done() {
        return outcome.equals("done");
    }
}
