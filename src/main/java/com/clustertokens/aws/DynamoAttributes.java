package com.clustertokens.aws;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reading and writing DynamoDB attribute values: the one copy of these conversions for every table. */
public final class DynamoAttributes {

    private DynamoAttributes() {
    }

    public static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    public static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    /** The number attribute {@code name}, 0 when absent. */
    public static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    /** The string attribute {@code name}, null when absent. */
    public static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    /** The instant stored as epoch milliseconds under {@code name}, null when absent. */
    public static Instant instant(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? null : Instant.ofEpochMilli(Long.parseLong(value.n()));
    }

    /** A JSON tree as an attribute value: objects are maps, arrays lists; nulls are left out, as DynamoDB has none. */
    public static AttributeValue of(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> {
                Map<String, AttributeValue> m = new HashMap<>();
                node.fields().forEachRemaining(f -> {
                    if (!f.getValue().isNull()) {
                        m.put(f.getKey(), of(f.getValue()));
                    }
                });
                yield AttributeValue.fromM(m);
            }
            case ARRAY -> AttributeValue.fromL(StreamSupport.stream(node.spliterator(), false).map(
                    DynamoAttributes::of).toList());
            case NUMBER -> AttributeValue.fromN(node.asText());
            case BOOLEAN -> AttributeValue.fromBool(node.booleanValue());
            case STRING -> s(node.textValue());
            default -> throw new IllegalArgumentException("A JSON " + node.getNodeType() + " has no DynamoDB form");
        };
    }

    /** An attribute value as a JSON tree, the inverse of {@link #of(JsonNode)}: an integral number stays a long. */
    public static JsonNode tree(AttributeValue value) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        return switch (value.type()) {
            case M -> {
                ObjectNode object = json.objectNode();
                value.m().forEach((name, v) -> object.set(name, tree(v)));
                yield object;
            }
            case L -> json.arrayNode().addAll(value.l().stream().map(DynamoAttributes::tree).toList());
            case N -> value.n().matches("-?\\d{1,18}")
                    ? json.numberNode(Long.parseLong(value.n()))
                    : json.numberNode(new java.math.BigDecimal(value.n()));
            case BOOL -> json.booleanNode(value.bool());
            case S -> json.textNode(value.s());
            default -> throw new IllegalArgumentException("A DynamoDB " + value.type() + " has no JSON form");
        };
    }
}
