package com.clustertokens.infra;

import static com.clustertokens.infra.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.clustertokens.hygiene.report.StalePeriod;

/** The template's StaleAfter parameter accepts exactly the periods stale-tokens runs with, no more, no fewer. */
class StaleAfterParameterTest {

    /** Periods a user may try: months, years, zero, signs, compounds, case, spaces, bounds. */
    private static final List<String> CANDIDATES = List.of("P90D", "P1D", "P9999D", "P10000D", "P0D", "P00D", "P090D",
            "-P1D", "P-1D", "P6M", "P1Y", "P1Y2M", "P12W", "P1W", "P999W", "P1000W", "P0W", "PT36H", "PT1H",
            "PT99999H", "PT100000H", "PT0H", "PT30M", "PT60S", "P1DT12H", "P1.5D", "p90d", "P90d", " P90D", "P90D ",
            "90D", "P", "PT", "", "P 90D", "P٩٠D");

    private final SamTemplate template = SamTemplate.load();

    @Test
    void staleAfterPatternIsTheCodesGrammar() {
        Map<String, Object> parameter = map(template.parameters().get("StaleAfter"));

        assertThat(parameter.get("AllowedPattern")).isEqualTo(StalePeriod.PATTERN);
        assertThat(StalePeriod.parseOrNull(String.valueOf(parameter.get("Default")))).isNotNull();
    }

    @Test
    void templateAndCodeAcceptTheSamePeriods() {
        Pattern allowed = Pattern.compile(String.valueOf(map(template.parameters().get("StaleAfter"))
                .get("AllowedPattern")));

        for (String candidate : CANDIDATES) {
            boolean deploys = allowed.matcher(candidate).matches();
            boolean runs = StalePeriod.parseOrNull(candidate) != null;
            assertThat(runs).as("'%s': the template %s it", candidate, deploys ? "accepts" : "refuses")
                    .isEqualTo(deploys);
        }
        assertThat(CANDIDATES.stream().filter(c -> StalePeriod.parseOrNull(c) != null))
                .containsExactlyInAnyOrder("P90D", "P1D", "P9999D", "P12W", "P1W", "P999W", "PT36H", "PT1H",
                        "PT99999H");
    }

    @Test
    void refusesMonthsYearsAndZeroAndReadsWeeksAsSevenDays() {
        assertThat(StalePeriod.parseOrNull("P6M")).isNull();
        assertThat(StalePeriod.parseOrNull("P1Y")).isNull();
        assertThat(StalePeriod.parseOrNull("P0D")).isNull();
        assertThat(StalePeriod.parseOrNull("P12W").length()).isEqualTo(java.time.Duration.ofDays(84));
        assertThat(StalePeriod.parseOrNull("PT36H").length()).isEqualTo(java.time.Duration.ofHours(36));
    }
}
