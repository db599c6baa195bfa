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
        ListEntry entry = new ListEntry();
        Spliterator<TokenStub> entries = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE,
                Spliterator.ORDERED | Spliterator.NONNULL) {
            @Override
            public boolean tryAdvance(Consumer<? super TokenStub> action) {
                try {
                    if (!nextEntry(parser)) {
                        return false;
                    }
                    action.accept(readStub(parser, entry));
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

    /**
     * Reads the body through, handing each entry to {@code consumer} as one reused {@link ListEntry}: ids and names
     * are copied as characters, and descriptions (and names, unless {@code names}) skipped unread, so a million
     * entries cost no String each.
     */
    static void forEach(JsonFactory factory, InputStream body, boolean names, Consumer<ListEntry> consumer) {
        try (JsonParser parser = factory.createParser(body)) {
            positionAtValues(parser);
            ListEntry entry = new ListEntry();
            while (nextEntry(parser)) {
                readEntry(parser, entry, names, null);
                consumer.accept(entry);
            }
        } catch (IOException e) {
            throw MalformedBodyException.from(e);
        }
    }

    /** Moves to the next entry: true at its start, false at the end of the list. */
    private static boolean nextEntry(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.END_ARRAY) {
            return false;
        }
        if (token != JsonToken.START_OBJECT) {
            throw new MalformedBodyException("an entry of \"values\" is not an object");
        }
        return true;
    }

    private static TokenStub readStub(JsonParser parser, ListEntry entry) throws IOException {
        String[] description = new String[1];
        readEntry(parser, entry, true, description);
        return new TokenStub(entry.id(), entry.name(), description[0]);
    }

    /**
     * Reads one entry's fields into {@code entry}, the name only if {@code names}; the description goes to
     * {@code description[0]} when that is given, else it is skipped unread. A field that is null or not a scalar
     * counts as absent.
     */
    private static void readEntry(JsonParser parser, ListEntry entry, boolean names, String[] description)
            throws IOException {
        entry.clear();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            boolean text = value.isScalarValue() && value != JsonToken.VALUE_NULL;
            if (text && "id".equals(field)) {
                entry.setId(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
            } else if (text && names && "name".equals(field)) {
                entry.setName(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
            } else if (text && description != null && "description".equals(field)) {
                description[0] = parser.getText();
            } else {
                parser.skipChildren();
            }
        }
        if (parser.currentToken() != JsonToken.END_OBJECT) {
            throw new MalformedBodyException("an entry of \"values\" ends unexpectedly");
        }
    }
}
