package com.clustertokens.lambda;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.clustertokens.error.InvalidInputException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.funqy.runtime.ApplicationException;
import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * The Lambda binding reads each event into a {@link JsonNode} before any function runs, so an event past one of
 * Jackson's reader limits (10,000 nested arrays, a 1,001-digit number) would reach the caller as Jackson's own text.
 * This turns those into the {@link InvalidInputException} a function would throw, reported the same way.
 */
@Singleton
public class EventReaderLimits implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("event-reader-limits");
        module.addDeserializer(JsonNode.class, new LimitedJsonNodeDeserializer());
        mapper.registerModule(module);
    }

    /** Jackson's own JsonNode reading, with its limit failures stated as input errors. */
    private static final class LimitedJsonNodeDeserializer extends JsonNodeDeserializer {

        @Override
        public JsonNode deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            try {
                return super.deserialize(parser, context);
            } catch (StreamConstraintsException e) {
                // Wrapped as Funqy wraps a function's exception, so the caller reads the same errorType and message.
                throw new ApplicationException(new InvalidInputException("request: "
                        + rule(e, parser.streamReadConstraints().getMaxNestingDepth())));
            }
        }

        private static String rule(StreamConstraintsException e, int maxDepth) {
            String message = String.valueOf(e.getOriginalMessage());
            if (message.startsWith("Document nesting depth")) {
                return "nested too deeply: at most " + maxDepth + " levels of lists and objects are read";
            }
            if (message.startsWith("Number value length") || message.startsWith("Number length")) {
                return "a number has too many digits";
            }
            if (message.startsWith("String value length")) {
                return "a string is too long";
            }
            return "exceeds a limit of the JSON reader";
        }
    }
}
