package com.clustertokens.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads a {@code {"values":[...]}} list body entry by entry, so a list of a million tokens is never held whole.
 * Unknown fields are skipped: responses may grow.
 */
final class TokenListReader {

    private TokenListReader() {
    }

    /** A lazy stream of the entries; closing it closes the parser. Malformed bodies fail as {@link MalformedBodyException}. */
    static Stream<TokenStub> stream(JsonFactory factory, InputStream body) {
        JsonParser parser;
        try {
            parser = factory.createParser(body);
            positionAtValues(parser);
        } catch (IOException e) {
            throw MalformedBodyException.from(e);
        }
        Spliterator<TokenStub> entries = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE,
                Spliterator.ORDERED | Spliterator.NONNULL) {
            @Override
            public boolean tryAdvance(Consumer<? super TokenStub> action) {
                try {
                    JsonToken token = parser.nextToken();
                    if (token == JsonToken.END_ARRAY) {
                        return false;
                    }
                    if (token != JsonToken.START_OBJECT) {
                        throw new MalformedBodyException("an entry of \"values\" is not an object");
                    }
                    action.accept(readStub(parser));
                    return true;
                } catch (IOException e) {
                    throw MalformedBodyException.from(e);
                }
            }
        };
        return StreamSupport.stream(entries, false).onClose(() -> {
            try {
                parser.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static void positionAtValues(JsonParser parser) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw new MalformedBodyException("the body is empty");
        }
        if (first != JsonToken.START_OBJECT) {
            throw new MalformedBodyException("the body is not a JSON object");
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("values".equals(field)) {
                if (value != JsonToken.START_ARRAY) {
                    throw new MalformedBodyException("\"values\" is not an array");
                }
                return;
            }
            parser.skipChildren();
        }
        throw new MalformedBodyException("the body has no \"values\" list");
    }

    private static TokenStub readStub(JsonParser parser) throws IOException {
        String id = null;
        String name = null;
        String description = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "id" -> id = textOrNull(parser, value);
                case "name" -> name = textOrNull(parser, value);
                case "description" -> description = textOrNull(parser, value);
                default -> parser.skipChildren();
            }
        }
        if (parser.currentToken() != JsonToken.END_OBJECT) {
            throw new MalformedBodyException("an entry of \"values\" ends unexpectedly");
        }
        return new TokenStub(id, name, description);
    }

    private static String textOrNull(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!value.isScalarValue()) {
            parser.skipChildren();
            return null;
        }
        return parser.getText();
    }
}
