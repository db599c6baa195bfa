package com.clustertokens.hygiene.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.clustertokens.hygiene.report.HygieneReport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The page's remediation section from a report's plan and from what a run did just before the report. */
class RemediationSectionTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void showsTonightsActionsThenWhatIsDueAndNamesTheActionsThatNeedALook() throws Exception {
        JsonNode tonight = json.readTree("{\"outcome\":{\"run\":\"r\",\"applied\":true,\"revoked\":1,\"unknown\":1,"
                + "\"problems\":[\"revoke of t2 (odd-job): unknown, timed out\"]},\"actions\":["
                + "{\"action\":\"revoke\",\"id\":\"t1\",\"name\":\"old-job\",\"owner\":\"bob\",\"outcome\":\"done\"},"
                + "{\"action\":\"revoke\",\"id\":\"t2\",\"name\":\"odd-job\",\"outcome\":\"unknown\","
                + "\"note\":\"timed out\"}]}");

        RemediationSection section = RemediationSection.of(withPlan(), tonight, json);

        assertThat(section.heading()).isEqualTo("done tonight");
        assertThat(section.rows()).extracting(RemediationSection.Row::tokenId, RemediationSection.Row::action)
                .containsExactly(tuple("t1", "revoke: done"), tuple("t2", "revoke: unknown"),
                        tuple("t1", "delete (due)"));
        assertThat(section.notes()).containsExactly("Needs a look: revoke of t2 (odd-job): unknown, timed out");
    }

    @Test
    void keepsThePlanAndSaysWhyWhenTonightsRemediationFailed() throws Exception {
        JsonNode tonight = json.readTree("{\"outcome\":{\"failure\":\"ConfigurationException: Remediation scope: "
                + "none is set\"},\"actions\":[]}");

        RemediationSection section = RemediationSection.of(withPlan(), tonight, json);

        assertThat(section.heading()).isEqualTo("plan, nothing is done until applied");
        assertThat(section.rows()).extracting(RemediationSection.Row::action).containsExactly("revoke",
                "delete (due)");
        assertThat(section.notes()).containsExactly("Tonight's remediation failed, nothing was done after it: "
                + "ConfigurationException: Remediation scope: none is set");
    }

    @Test
    void showsOnlyThePlanWhenNoRemediationRan() {
        assertThat(RemediationSection.of(withPlan(), null, json).heading())
                .isEqualTo("plan, nothing is done until applied");
        assertThat(RemediationSection.of(PageFixtures.report(), null, json)).isNull();
    }

    private HygieneReport withPlan() {
        return PageFixtures.report().withSections(Map.of("remediation", Map.of("applied", false, "plan", Map.of(
                "revoke", List.of(Map.of("id", "t9", "name", "next-job", "reason", "unused")),
                "upcoming", List.of(Map.of("id", "t1", "name", "old-job", "revokedAt",
                        "2026-11-01T03:00:00Z", "deleteAt", "2026-11-15T03:00:00Z"))))));
    }
}
