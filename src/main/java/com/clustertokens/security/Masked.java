package com.clustertokens.security;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * A JSON field written as the report page shows it: a text, or each text of a list, masked by {@link Secrets#mask}.
 * On every field of an output that holds what this code did not write (a token's name or owner, a caller's value,
 * a message); the value in memory stays as it is, so what acts on it (plans, exclusions) sees the real one.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.RECORD_COMPONENT})
@JacksonAnnotationsInside
@JsonSerialize(using = Masked.Writer.class)
public @interface Masked {

    final class Writer extends StdSerializer<Object> {

        public Writer() {
            super(Object.class);
        }

        @Override
        public void serialize(Object value, JsonGenerator out, SerializerProvider provider) throws IOException {
            if (value instanceof Iterable<?> texts) {
                out.writeStartArray();
                for (Object text : texts) {
                    write(text, out);
                }
                out.writeEndArray();
            } else {
                write(value, out);
            }
        }

        @Override
        public boolean isEmpty(SerializerProvider provider, Object value) {
            return value == null || value instanceof CharSequence text && text.isEmpty()
                    || value instanceof java.util.Collection<?> texts && texts.isEmpty();
        }

        private static void write(Object text, JsonGenerator out) throws IOException {
            if (text == null) {
                out.writeNull();
            } else {
                out.writeString(Secrets.mask(text.toString()));
            }
        }
    }
}
