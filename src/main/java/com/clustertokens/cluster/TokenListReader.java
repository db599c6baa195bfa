package com.clustertokens.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * Reads a {@code {"values":[...]}} list body entry by entry, so a list of a million tokens is never held whole.
 * Unknown fields are skipped: responses may grow. Malformed bodies fail as {@link MalformedBodyException}.
 */
final class TokenListReader {

    private TokenListReader() {
    }

    /** A lazy stream of the entries; closing it closes the parser. */
    static Stream<TokenStub> stream(JsonFactory factory, InputStream body) {
        JsonParser parser = open(factory, body);
        ListEntry entry = new ListEntry();
        String[] description = new String[1];
        Spliterator<TokenStub> entries = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE,
                Spliterator.ORDERED | Spliterator.NONNULL) {
            @Override
            public boolean tryAdvance(Consumer<? super TokenStub> action) {
                if (!next(parser, entry, true, description)) {
                    return false;
                }
                action.accept(new TokenStub(entry.id(), entry.name(), description[0]));
                return true;
            }
        };
        return StreamSupport.stream(entries, false).onClose(() -> close(parser));
    }

    /**
     * Reads the body through, handing each entry to {@code consumer} as one reused {@link ListEntry}: ids and names
     * are copied as characters, and descriptions (and names, unless {@code names}) skipped unread, so a million
     * entries cost no String each.
     */
    static void forEach(JsonFactory factory, InputStream body, boolean names, Consumer<ListEntry> consumer) {
        JsonParser parser = open(factory, body);
        try {
            ListEntry entry = new ListEntry();
            while (next(parser, entry, names, null)) {
                consumer.accept(entry);
            }
        } finally {
            close(parser);
        }
    }

    /** A parser positioned inside the {@code values} list. */
    private static JsonParser open(JsonFactory factory, InputStream body) {
        try {
            JsonParser parser = factory.createParser(body);
            if (parser.nextToken() == null) {
                throw new MalformedBodyException("the body is empty");
            }
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw new MalformedBodyException("the body is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("values".equals(field)) {
                    if (value != JsonToken.START_ARRAY) {
                        throw new MalformedBodyException("\"values\" is not an array");
                    }
                    return parser;
                }
                parser.skipChildren();
            }
            throw new MalformedBodyException("the body has no \"values\" list");
        } catch (IOException e) {
            throw MalformedBodyException.from(e);
        }
    }

    /**
     * Reads the next entry's fields into {@code entry}, the name only if {@code names}; the description goes to
     * {@code description[0]} when that is given, else it is skipped unread. A field that is null or not a scalar
     * counts as absent. False at the end of the list.
     */
    private static boolean next(JsonParser parser, ListEntry entry, boolean names, String[] description) {
        try {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_ARRAY) {
                return false;
            }
            if (token != JsonToken.START_OBJECT) {
                throw new MalformedBodyException("an entry of \"values\" is not an object");
            }
            entry.clear();
            if (description != null) {
                description[0] = null;
            }
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
            return true;
        } catch (IOException e) {
            throw MalformedBodyException.from(e);
        }
    }

    private static void close(JsonParser parser) {
        try {
            parser.close();
        } catch (IOException e) {
            throw MalformedBodyException.from(e);
        }
    }

    /** A success response whose body is not the API's JSON; {@link #truncated} when it ended mid-document. */
    static final class MalformedBodyException extends RuntimeException {

        private final boolean truncated;

        MalformedBodyException(String detail) {
            this(detail, false, null);
        }

        private MalformedBodyException(String detail, boolean truncated, Throwable cause) {
            super(detail, cause, false, false);
            this.truncated = truncated;
        }

        static MalformedBodyException from(IOException e) {
            if (e instanceof MismatchedInputException && e.getMessage() != null
                    && e.getMessage().startsWith("No content to map")) {
                return new MalformedBodyException("the body is empty", false, e);
            }
            // Jackson reports a cut-off document as JsonEOFException only inside a value; between tokens it is a
            // JsonParseException about the end of input. Either way the body was cut short: worth another read.
            if (endedEarly(e)) {
                return new MalformedBodyException("the body ended in the middle of the JSON document", true, e);
            }
            // Anything but a JSON error is the connection failing while the body was read.
            return e instanceof JsonProcessingException
                    ? new MalformedBodyException("the body is not valid JSON", false, e)
                    : new MalformedBodyException("the connection failed while the body was read (" + e.getClass()
                            .getSimpleName() + ")", true, e);
        }

        private static boolean endedEarly(Throwable thrown) {
            for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof JsonEOFException || t instanceof JsonParseException parse
                        && parse.getOriginalMessage() != null && parse.getOriginalMessage().contains("end-of-input")) {
                    return true;
                }
            }
            return false;
        }

        boolean truncated() {
            return truncated;
        }
    }
}
