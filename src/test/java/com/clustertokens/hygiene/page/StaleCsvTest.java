package com.clustertokens.hygiene.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class StaleCsvTest {

    @Test
    void writesAHeaderAndOneCrlfLineperStaleTokenInThePagesOrder() {
        String csv = StaleCsv.of(PageFixtures.report());

        String[] lines = csv.split("\r\n", -1);
        assertThat(lines).hasSize(1 + 7 + 1);
        assertThat(lines[0]).isEqualTo("name,id,state,owner,lastUse,created,expires,expiry,rotate");
        assertThat(lines[1]).isEqualTo("build-agent,a1,never used,pete,,2025-09-27T03:00:00Z,,,");
        assertThat(lines[8]).isEqualTo("");
        assertThat(csv.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
    }

    @Test
    void addsTheExpiryClassToStaleTokensAndRowsForTheTokensInUseTheScanListed() {
        String csv = StaleCsv.of(PageFixtures.reportWithExpiry());

        String[] lines = csv.split("\r\n", -1);
        assertThat(lines).as("header, 7 stale tokens, 3 in use, the final line end").hasSize(1 + 7 + 3 + 1);
        assertThat(lines[1]).isEqualTo("build-agent,a1,never used,pete,,2025-09-27T03:00:00Z,,,");
        assertThat(csv).as("a stale token keeps its one row, with its class")
                .contains(",b2,dormant,<b>mallory</b>,2025-10-17T03:00:00Z,2024-12-01T03:00:00Z,2026-10-31T03:00:00Z,"
                        + "expired,\r\n")
                .contains(",d4,dormant,bob,2026-07-04T03:00:00Z,2026-01-05T03:00:00Z,2027-05-20T03:00:00Z,,\r\n");
        assertThat(List.of(lines).subList(8, 11)).containsExactly(
                "lapsed,j10,active,dan,2026-10-22T03:00:00Z,2025-06-19T03:00:00Z,2026-10-27T03:00:00Z,expired,",
                "deploy-pipeline,h8,active,ci-bot,2026-11-01T03:00:00Z,2026-08-13T03:00:00Z,2026-11-03T03:00:00Z,"
                        + "expiringInUse,",
                "admin <script>alert('owned')</script>,i9,active,root,2026-10-31T03:00:00Z,2025-09-27T03:00:00Z,,"
                        + "rotationDue,\"rotate-token {\"\"token\"\":\"\"i9\"\",\"\"format\"\":\"\"text\"\"}\"");
        assertThat(csv).doesNotContain(PageFixtures.SECRET_PART);
    }

    @Test
    void quotesFieldsWithCommasQuotesOrLineBreaksAndDoublesTheQuotes() {
        assertThat(StaleCsv.cell("plain")).isEqualTo("plain");
        assertThat(StaleCsv.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(StaleCsv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(StaleCsv.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(StaleCsv.cell("cr\rhere")).isEqualTo("\"cr\rhere\"");
        assertThat(StaleCsv.cell(null)).isEmpty();
    }

    @Test
    void defusesCellsASpreadsheetWouldRunAsAFormula() {
        assertThat(StaleCsv.cell("=1+1")).isEqualTo("'=1+1");
        assertThat(StaleCsv.cell("+1")).isEqualTo("'+1");
        assertThat(StaleCsv.cell("-2")).isEqualTo("'-2");
        assertThat(StaleCsv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(StaleCsv.cell("\t=1")).isEqualTo("'\t=1");
        assertThat(StaleCsv.cell("a=1")).isEqualTo("a=1");
        assertThat(StaleCsv.of(PageFixtures.report()))
                .contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",c3,dormant,bob,");
    }

    @Test
    void masksASecretPastedIntoANameLeavingItsIdentifier() {
        assertThat(StaleCsv.of(PageFixtures.report())).doesNotContain(PageFixtures.SECRET_PART)
                .contains("backup dt0c01.ABCDEFGHIJKLMNOPQRSTUVWX.<redacted>,d4,dormant,bob,");
    }
}
