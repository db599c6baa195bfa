package com.clustertokens.remediation;

import com.clustertokens.error.WireName;
import com.clustertokens.remediation.LedgerEntry.Action;
import com.clustertokens.security.Masked;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/** What became of one planned action, and a {@code note} on why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActionOutcome(Action action, String id, @Masked String name, @Masked String owner, Outcome outcome,
        @Masked String note) {

    public enum Outcome implements WireName {
        /** Sent, and the cluster did it. */
        DONE,
        /** The check before it found a reason; nothing sent. */
        SKIPPED,
        /** Sent, no answer says whether it took effect: recorded, settled by the next run. */
        UNKNOWN,
        /** The cluster refused it; nothing changed. */
        FAILED,
        /** The run stopped before it. */
        NOT_ATTEMPTED;

        @JsonCreator
        static Outcome of(String wire) {
            return WireName.of(Outcome.class, wire, "an action's outcome");
        }
    }

    static ActionOutcome of(Plan.Planned planned, Outcome outcome, String note) {
        return new ActionOutcome(planned.action(), planned.id(), planned.name(), planned.owner(), outcome, note);
    }

    /** Whether the run must stop after this: the cluster answered in a way that calls for a person or a later run. */
    @JsonIgnore
    boolean stopsTheRun() {
        return outcome == Outcome.UNKNOWN || outcome == Outcome.FAILED;
    }

    @JsonIgnore
    boolean done() {
        return outcome == Outcome.DONE;
    }
}
