package com.clustertokens.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.clustertokens.testing.LeakedSecrets;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A {@link Masked} field is written as the report page shows it; the value in memory and the rest stay exact. */
class MaskedTest {

    private final ObjectMapper json = new ObjectMapper();

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Token(String id, @Masked String name, @Masked List<String> notes, String exact) {
    }

    @Test
    void writesATextAndEachTextOfAListMaskedAndLeavesTheOtherFieldsAsTheyAre() throws Exception {
        Token token = new Token("5e0f5c3c-0d0a-4d6e-9a55-000000000002", LeakedSecrets.NEW_FORMAT,
                List.of("owner " + LeakedSecrets.BARE, "plain note"), "kept");

        JsonNode written = json.readTree(json.writeValueAsString(token));

        assertThat(written.path("name").asText()).isEqualTo(Secrets.mask(LeakedSecrets.NEW_FORMAT))
                .isEqualTo(LeakedSecrets.IDENTIFIER + ".<redacted>");
        assertThat(written.path("notes")).extracting(JsonNode::asText).containsExactly("owner <redacted>",
                "plain note");
        assertThat(written.path("id").asText()).isEqualTo(token.id());
        assertThat(written.path("exact").asText()).isEqualTo("kept");
        assertThat(token.name()).as("in memory").isEqualTo(LeakedSecrets.NEW_FORMAT);
    }

    @Test
    void leavesOutAnEmptyOrMissingMaskedFieldAsItsInclusionRuleSays() throws Exception {
        JsonNode written = json.readTree(json.writeValueAsString(new Token("id-1", null, List.of(), "")));

        assertThat(written.has("name")).isFalse();
        assertThat(written.has("notes")).isFalse();
        assertThat(written.path("id").asText()).isEqualTo("id-1");
    }

    @Test
    void readsBackWhatItWrote() throws Exception {
        Token token = new Token("id-1", "ci-deploy", List.of("a note"), "kept");

        assertThat(json.readValue(json.writeValueAsString(token), Token.class)).isEqualTo(token);
    }
}
