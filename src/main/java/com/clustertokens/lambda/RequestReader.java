package com.clustertokens.lambda;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.clustertokens.error.InvalidInputException;
import com.clustertokens.error.Quoted;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * Binds a function's JSON input to its request record strictly (no silent coercion, no unknown fields) and turns
 * every binding failure into an {@link InvalidInputException} that names the field and the rule.
 */
@ApplicationScoped
public class RequestReader {

    private static final Map<Class<?>, String> KIND = Map.of(
            String.class, "a string",
            Integer.class, "an integer",
            Long.class, "an integer",
            Boolean.class, "true or false",
            List.class, "a list");

    /** Room for a rule that quotes a value (itself at most 40 characters) and names what is allowed. */
    private static final int MAX_RULE = 300;

    private final ObjectMapper strict;

    public RequestReader() {
        JsonMapper mapper = JsonMapper.builder()
                .findAndAddModules()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        for (LogicalType type : List.of(LogicalType.Textual, LogicalType.Integer, LogicalType.Boolean,
                LogicalType.Float, LogicalType.Enum)) {
            mapper.coercionConfigFor(type)
                    .setCoercion(CoercionInputShape.Integer, only(type == LogicalType.Integer
                            || type == LogicalType.Float))
                    .setCoercion(CoercionInputShape.Float, only(type == LogicalType.Float))
                    .setCoercion(CoercionInputShape.Boolean, only(type == LogicalType.Boolean))
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        this.strict = mapper;
    }

    /** A JSON value of one shape binds only to a field of that same kind (an integer also to a decimal one). */
    private static CoercionAction only(boolean sameKind) {
        return sameKind ? CoercionAction.TryConvert : CoercionAction.Fail;
    }

    /** The request record bound from {@code input}; null or absent input binds an empty object. */
    public <T> T read(JsonNode input, Class<T> type) {
        JsonNode node = input == null || input.isNull() || input.isMissingNode() ? strict.createObjectNode() : input;
        if (!node.isObject()) {
            throw new InvalidInputException("request: expected a JSON object, got " + kindOf(node));
        }
        try {
            return strict.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw translate(e);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("request: " + Quoted.text(e.getMessage(), MAX_RULE));
        }
    }

    static InvalidInputException translate(JsonProcessingException e) {
        String path = e instanceof JsonMappingException m ? path(m.getPath()) : "request";
        String rule;
        if (e instanceof UnrecognizedPropertyException u) {
            // The path already ends with the unknown name when Jackson recorded it; either way it is the caller's.
            String field = Quoted.bare(u.getPropertyName());
            path = path.endsWith(field) ? path : path + "." + field;
            rule = "unknown field; expected one of " + u.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                    .collect(Collectors.joining(", "));
        } else if (ruleFromCause(e) != null) {
            rule = ruleFromCause(e);
        } else if (e instanceof InvalidFormatException f) {
            rule = Quoted.of(String.valueOf(f.getValue())) + " is not " + kindOf(f.getTargetType());
        } else if (e instanceof MismatchedInputException m) {
            rule = "expected " + kindOf(m.getTargetType());
        } else if (e instanceof InputCoercionException || e.getCause() instanceof InputCoercionException) {
            rule = "number out of range";
        } else {
            rule = "invalid value";
        }
        return new InvalidInputException(path + ": " + rule);
    }

    private static String ruleFromCause(JsonProcessingException e) {
        Throwable cause = e instanceof ValueInstantiationException || e instanceof InvalidFormatException
                || e instanceof JsonMappingException ? e.getCause() : null;
        // The creators' own rules quote their values already; anything else thrown there is bounded and masked here.
        return cause instanceof IllegalArgumentException ? Quoted.text(cause.getMessage(), MAX_RULE) : null;
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(Quoted.bare(reference.getFieldName()));
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "request" : path.toString();
    }

    private static String kindOf(Class<?> type) {
        return type == null
                ? "a valid value"
                : type.isEnum()
                        ? "one of the allowed names"
                        : java.util.Collection.class.isAssignableFrom(type)
                                ? "a list"
                                : KIND.getOrDefault(type, type.isRecord() ? "an object" : "a valid value");
    }

    private static String kindOf(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "a list";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            default -> "null";
        };
    }
}
