package com.clustertokens.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.clustertokens.lambda.RequestReader;
import com.clustertokens.remediation.ActionOutcome.Outcome;
import com.clustertokens.remediation.LedgerEntry.Action;

import com.fasterxml.jackson.databind.ObjectMapper;

/** A run's outcome as it travels through a fleet run: counted from the actions, compact, read back strictly. */
class RunOutcomeTest {

    private final ObjectMapper json = new ObjectMapper();
    private final RequestReader reader = new RequestReader();

    @Test
    void countsEachOutcomeAndNamesTheActionsThatNeedALook() {
        RunOutcome outcome = RunOutcome.of("schedule at 2026-11-30T03:00:00Z", true, null, List.of(
                new ActionOutcome(Action.DELETE, "d1", "gone-job", "bob", Outcome.DONE, null),
                new ActionOutcome(Action.REVOKE, "r1", "old-job", "bob", Outcome.DONE, null),
                new ActionOutcome(Action.REVOKE, "r2", "odd-job", "ann", Outcome.UNKNOWN, "every attempt timed out"),
                new ActionOutcome(Action.REVOKE, "r3", "next-job", "ann", Outcome.NOT_ATTEMPTED, "the run stopped")));

        assertThat(outcome.revoked()).isEqualTo(1);
        assertThat(outcome.deleted()).isEqualTo(1);
        assertThat(outcome.unknown()).isEqualTo(1);
        assertThat(outcome.notAttempted()).isEqualTo(1);
        assertThat(outcome.failed()).isZero();
        assertThat(outcome.problems()).containsExactly("revoke of r2 (odd-job): unknown, every attempt timed out");
    }

    @Test
    void leavesZeroCountsOutAndReadsThemBackAsZero() throws Exception {
        RunOutcome outcome = RunOutcome.of("run", true, null, List.of(new ActionOutcome(Action.REVOKE, "r1", "old-job",
                "bob", Outcome.DONE, null)));

        String written = json.writeValueAsString(outcome);

        assertThat(written).isEqualTo("{\"run\":\"run\",\"applied\":true,\"revoked\":1}");
        assertThat(reader.read(json.readTree(written), RunOutcome.class)).isEqualTo(outcome);
        RunOutcome none = reader.read(json.readTree("{}"), RunOutcome.class);
        assertThat(none.happened()).isFalse();
        assertThat(none.revoked()).isZero();
    }

    @Test
    void readsTheFailureAsTheStateMachinesCatchWritesIt() throws Exception {
        RunOutcome failed = reader.read(json.readTree("{\"failure\":{\"Error\":\"ConfigurationException\","
                + "\"Cause\":\"{\\\"errorMessage\\\":\\\"no scope\\\"}\"}}"), RunOutcome.class);

        assertThat(failed.happened()).isTrue();
        assertThat(failed.failure().error()).isEqualTo("ConfigurationException");
        assertThat(failed.failure().cause()).contains("no scope");
    }
}
