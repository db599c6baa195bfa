package com.clustertokens.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.clustertokens.hygiene.census.NamePatterns;
import com.clustertokens.hygiene.page.RemediationSection;
import com.clustertokens.hygiene.page.ReportPage;
import com.clustertokens.hygiene.report.HygieneReport;
import com.clustertokens.hygiene.report.StalePeriod;
import com.clustertokens.remediation.LedgerEntry.Status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** A token a rotation superseded, on the report page: "revoke (rotated)" at the time its grace ends. */
class RotationOnReportPageTest {

    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant REVOKE_DUE = NOW.plus(Duration.ofDays(3));
    private static final RemediationPolicy POLICY = new RemediationPolicy(StalePeriod.parseOrNull("P90D"),
            StalePeriod.parseOrNull("P14D"), 5, List.of(), StalePeriod.parseOrNull("P30D"), null);
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    @Test
    void showsASupersededTokenAsRevokeRotatedAtItsRevokeTimeThenItsDeletion() {
        LedgerEntry.Rotation rotation = new LedgerEntry.Rotation("new-a", REVOKE_DUE.minus(Duration.ofDays(7)),
                REVOKE_DUE, "alice", "rotation-new-a");
        LedgerEntry superseded = new LedgerEntry("c", "a", "ci-deploy", "bob", Status.SUPERSEDED, null, null, null,
                null, null, null, new LedgerEntry.TokenState("ci-deploy", "bob", NOW.minus(Duration.ofDays(1)),
                        NOW.minus(Duration.ofDays(100)), null, List.of("settings.read"), false),
                null, List.of(), 1, rotation);
        Plan plan = Planner.plan(new Planner.Inputs(NOW, NOW.minus(Duration.ofDays(90)), POLICY, NamePatterns.of(
                List.of(), List.of(), new ArrayList<>()), "own", Map.of("a", superseded)), List.of(), List.of());
        RemediationReport remediation = new RemediationReport(NOW, "https://cluster", null, "plan", false, null, NOW,
                NOW.minus(Duration.ofDays(90)), POLICY, plan, null, List.of(), null, null);

        RemediationSection section = RemediationSection.of(report().withSections(Map.of("remediation",
                remediation)), JSON);

        assertThat(section.rows()).singleElement().satisfies(row -> {
            assertThat(row.tokenId()).isEqualTo("a");
            assertThat(row.action()).isEqualTo("revoke (rotated)");
            assertThat(row.when()).isEqualTo(REVOKE_DUE);
            assertThat(row.reason()).isEqualTo("replaced by a rotation: revoked when its grace ends, deleted at "
                    + REVOKE_DUE.plus(Duration.ofDays(14)));
        });
        String page = ReportPage.render(new ReportPage.Input(report(), null, section, null));
        assertThat(page).contains("<td>ci-deploy</td><td class=\"id\">a</td><td>bob</td><td>revoke (rotated)</td>")
                .contains("<td><time datetime=\"" + REVOKE_DUE + "\">");
    }

    private static HygieneReport report() {
        HygieneReport.Heading heading = new HygieneReport.Heading(NOW, "default", "https://cluster", "test", NOW,
                NOW.minus(Duration.ofDays(90)), StalePeriod.parseOrNull("P90D"), new HygieneReport.Filters(null,
                        List.of(), List.of(), List.of()));
        HygieneReport.Body body = new HygieneReport.Body(new HygieneReport.Counts(1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                null, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), false, false);
        return new HygieneReport(heading, body);
    }
}
