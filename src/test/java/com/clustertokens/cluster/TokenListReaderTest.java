package com.clustertokens.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.clustertokens.cluster.TokenListReader.MalformedBodyException;

import com.fasterxml.jackson.core.JsonFactory;

class TokenListReaderTest {

    private static final JsonFactory JSON = new JsonFactory();
    private static final String UUID_ID = "0fb2d2c8-e87c-470c-a0e4-303a6f3bec74";

    @Test
    void handsEachEntryAsCharactersWithTheUuidAsTwoLongs() {
        List<String> seen = new ArrayList<>();
        List<Long> halves = new ArrayList<>();

        TokenListReader.forEach(JSON, body("{\"totalCount\":2,\"values\":[{\"name\":\"ci\",\"id\":\"" + UUID_ID
                + "\",\"description\":\"d\",\"extra\":{\"a\":[1]}},{\"id\":\"legacy-1\",\"name\":null}]}"), true,
                entry -> {
                    seen.add(entry.id() + "|" + entry.name() + "|" + entry.idIsUuid());
                    if (entry.idIsUuid()) {
                        halves.add(entry.idHigh());
                        halves.add(entry.idLow());
                    }
                });

        assertThat(seen).containsExactly(UUID_ID + "|ci|true", "legacy-1|null|false");
        assertThat(halves).containsExactly(0x0fb2d2c8e87c470cL, 0xa0e4303a6f3bec74L);
    }

    @Test
    void skipsNamesWhenAskedAndReadsTheSameEntriesAsTheStream() {
        String list = "{\"values\":[{\"id\":\"" + UUID_ID + "\",\"name\":\"ci\",\"description\":\"d\"}]}";
        List<String> names = new ArrayList<>();

        TokenListReader.forEach(JSON, body(list), false, entry -> names.add(entry.name()));
        List<TokenStub> stubs;
        try (Stream<TokenStub> stream = TokenListReader.stream(JSON, body(list))) {
            stubs = stream.toList();
        }

        assertThat(names).containsExactly((String) null);
        assertThat(stubs).containsExactly(new TokenStub(UUID_ID, "ci", "d"));
    }

    @Test
    void comparesIdsWithoutMistakingNearUuidsForUuids() {
        assertThat(ListEntry.of(UUID_ID, null).idEquals(false, 0x0fb2d2c8e87c470cL, 0xa0e4303a6f3bec74L)).isTrue();
        assertThat(ListEntry.of(UUID_ID, null).idEquals(false, 0x0fb2d2c8e87c470cL, 0xa0e4303a6f3bec75L)).isFalse();
        assertThat(ListEntry.of(UUID_ID.toUpperCase(), null).idIsUuid()).as("upper case is another id").isFalse();
        assertThat(ListEntry.of(UUID_ID.replace('-', '_'), null).idIsUuid()).isFalse();
        assertThat(ListEntry.of(UUID_ID.substring(0, 35) + "g", null).idEquals(false, 0x0fb2d2c8e87c470cL,
                0xa0e4303a6f3bec74L)).as("a bad digit in the second half").isFalse();
        assertThat(ListEntry.of(UUID_ID + "0", null).idIsUuid()).isFalse();
        assertThat(ListEntry.of("0fb2d2c8-e87c-470c-a0e4-303a6f3bec7\u0664", null).idIsUuid())
                .as("a non-ASCII digit").isFalse();
        assertThat(ListEntry.of(null, "n").hasId()).isFalse();
        assertThat(ListEntry.of("x", "Mobile").nameEquals("Mobile")).isTrue();
        assertThat(ListEntry.of("x", null).nameEquals("")).isFalse();
    }

    @Test
    void reportsABrokenBodyAsMalformed() {
        assertThatThrownBy(() -> TokenListReader.forEach(JSON, body("{\"values\":[{\"id\":\"a\"}"), true, e -> {
        }))
                .isInstanceOf(MalformedBodyException.class);
        assertThatThrownBy(() -> TokenListReader.forEach(JSON, body("{\"values\":[1]}"), true, e -> {
        }))
                .isInstanceOf(MalformedBodyException.class).hasMessageContaining("not an object");
        assertThatThrownBy(() -> TokenListReader.forEach(JSON, body("{\"total\":0}"), true, e -> {
        }))
                .isInstanceOf(MalformedBodyException.class).hasMessageContaining("no \"values\" list");
    }

    private static ByteArrayInputStream body(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }
}
