package com.clustertokens.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A failed cluster's line reads Lambda's error message from the state machine's Cause, also when the state machine
 * cut the Cause to bound the line, and never shows more than a line's length of it.
 */
class FleetErrorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTH = "AuthenticationFailedException: Authentication to cluster "
            + "https://broken.example.com failed (401)";

    @Test
    void readsTheMessageOfAWholeLambdaError() {
        assertThat(describe("{\"errorMessage\":\"" + AUTH + "\",\"errorType\":\"x.ApplicationException\"}"))
                .isEqualTo(AUTH);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "after the message|`{\"errorMessage\":\"" + AUTH + "\",\"errorType\":\"x.Applica`|" + AUTH,
            "after the message, in the stack trace|`{\"errorMessage\":\"" + AUTH + "\",\"errorType\":\"x\","
                    + "\"stackTrace\":[\"at a.b`|" + AUTH,
            "inside the message|`{\"errorMessage\":\"Cluster said \\\"nein\\\" \\u00fcber \\\\proxy`|Cluster said "
                    + "\"nein\" über \\proxy…",
            "inside an escape|`{\"errorMessage\":\"Zugriff f\\u00`|Zugriff f…",
            "after a backslash|`{\"errorMessage\":\"Zugriff f\\`|Zugriff f…",
            "with spaces around the colon|`{ \"errorMessage\" : \"Refused by the cluster\\nwith 403`|Refused by the "
                    + "cluster with 403…"})
    void readsTheMessageOfALambdaErrorCutByTheStateMachine(String cut, String cause, String shown) {
        assertThat(describe(cause)).isEqualTo(shown);
    }

    @Test
    void showsAPlainCauseAsItIsAndTheErrorTypeWithoutOne() {
        assertThat(describe("Task timed out after 300.00 seconds")).isEqualTo("Task timed out after 300.00 seconds");
        assertThat(FleetErrors.describe("States.Timeout", null, JSON))
                .isEqualTo("States.Timeout");
    }

    @Test
    void cutsAVeryLongMessageToALinesLengthAndMasksAToken() {
        String token = "dt0c01.ABCDEFGHIJKLMNOPQRSTUVWX." + "S".repeat(64);
        String shown = describe("{\"errorMessage\":\"Refused " + token + " " + "it failed ".repeat(4_000) + "\"}");

        assertThat(shown).hasSize(FleetErrors.SHOWN + 1).endsWith("…").startsWith(
                "Refused dt0c01.ABCDEFGHIJKLMNOPQRSTUVWX");
        assertThat(shown.contains("S".repeat(64))).as("the token's secret part is masked").isFalse();
    }

    @Test
    void readsACutLambdaErrorOfAFailedRemediationStepAsAReportStepsAndBoundsItsName() {
        assertThat(FleetErrors.describe("States.TaskFailed", "{\"errorMessage\":\"Authentication to the cluster fa",
                JSON)).isEqualTo("Authentication to the cluster fa…");
        assertThat(FleetErrors.errorType("Lambda.Unknown ".repeat(20))).hasSize(FleetErrors.ERROR_TYPE_SHOWN + 1)
                .startsWith("Lambda.Unknown Lambda.Unknown").endsWith("…");
    }

    private static String describe(String cause) {
        return FleetErrors.describe("io.quarkus.funqy.runtime.ApplicationException", cause, JSON);
    }
}
