package com.clustertokens.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.clustertokens.security.Secrets;
import com.clustertokens.testing.LeakedSecrets;

/** What of a caller's or a cluster's text a message shows: short, one line, nothing shaped like a secret. */
class QuotedTest {

    @Test
    void quotesAShortValueUnchanged() {
        assertThat(Quoted.of("WEEKS")).isEqualTo("'WEEKS'");
        assertThat(Quoted.of("ClusterTokenManagment")).isEqualTo("'ClusterTokenManagment'");
        assertThat(Quoted.of(null)).isEqualTo("null");
    }

    @Test
    void cutsALongValueAndSaysHowLongItWas() {
        String shown = Quoted.of("name ".repeat(200_000));

        assertThat(shown).isEqualTo("'" + "name ".repeat(8) + "…' (1000000 characters)");
    }

    @Test
    void escapesControlAndFormatCharacters() {
        assertThat(Quoted.of("a\u0000b\u202Ec\n")).isEqualTo("'a\\u0000b\\u202ec\\u000a'");
    }

    @ParameterizedTest
    @ValueSource(strings = {LeakedSecrets.NEW_FORMAT, LeakedSecrets.SECRET_PART, LeakedSecrets.LEGACY,
            "dt0c01." + LeakedSecrets.SECRET_PART, "name-" + LeakedSecrets.SECRET_PART + "-x"})
    void showsNoPartOfASecretWhereverItSitsInTheValue(String value) {
        assertThat(LeakedSecrets.leakIn(Quoted.of(value))).isNull();
        assertThat(LeakedSecrets.leakIn(Quoted.bare(value))).isNull();
        assertThat(LeakedSecrets.leakIn(Quoted.text("Token '" + value + "' is invalid", 300))).isNull();
        assertThat(Quoted.of(value)).contains("<redacted>");
    }

    @Test
    void masksASecretBeforeCuttingSoNoCutPieceShows() {
        // Cut at 40 first, the last 10 characters would be a piece of the secret too short to look like one.
        String value = "word ".repeat(6) + LeakedSecrets.SECRET_PART + " and more";

        assertThat(Quoted.of(value)).isEqualTo("'word word word word word word <redacted>…' (102 characters)");
    }

    @Test
    void keepsTheIdentifierOfACompleteTokenAndHidesItsSecretPart() {
        assertThat(Secrets.mask("token " + LeakedSecrets.NEW_FORMAT + " is revoked"))
                .isEqualTo("token " + LeakedSecrets.IDENTIFIER + ".<redacted> is revoked");
    }

    @ParameterizedTest
    @ValueSource(strings = {"3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b",
            "arn:aws:sqs:eu-west-1:123456789012:cluster-tokens-CreateTokenQueue-AbCdEf123456",
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:cluster-tokens/deploy-bot-AbCdEf",
            "2026-08-01T00:00:00Z", "1754006400000", "ExternalSyntheticIntegration", "activeGateTokenManagement.read",
            "dt0c01.ABCDEFGHIJKLMNOPQRSTUVWX", "expiresIn.unit: 'WEEKS' is not a unit",
            "deploy-bot-2026-11-22-run-4711"})
    void leavesIdsArnsTimesNamesAndIdentifiersAsTheyAre(String text) {
        assertThat(Secrets.mask(text)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abcdefjhij1234567890", "Win2019BuildAgent01", "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJ"})
    void hidesRunsShapedLikeOpaqueSecrets(String run) {
        assertThat(Secrets.mask("got " + run + ".")).isEqualTo("got <redacted>.");
    }
}
