package com.clustertokens.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.clustertokens.cluster.CreateToken;
import com.clustertokens.error.InvalidInputException;
import com.clustertokens.lambda.RequestReader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random and adversarial JSON against request binding and validation, the layer every function's input passes:
 * the outcome is a valid request or an {@link InvalidInputException} naming a field, never anything else.
 */
class HostileInputPropertiesTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RequestReader READER = new RequestReader();
    private static final List<String> CREATE_FIELDS = List.of("name", "scopes", "expiresIn", "value", "unit", "extra");
    private static final List<String> LIST_FIELDS = List.of("limit", "user", "permissions", "from", "to", "extra");

    @Property(tries = 400)
    void createTokenInputIsAValidRequestOrAFieldNamedError(@ForAll("createEvents") JsonNode event) {
        assertValidOrClearlyRefused(() -> TokenValidation.checkCreate(READER.read(event, CreateToken.class)),
                CREATE_FIELDS);
    }

    @Property(tries = 400)
    void listTokensInputIsAValidQueryOrAFieldNamedError(@ForAll("listEvents") JsonNode event) {
        assertValidOrClearlyRefused(() -> TokenValidation.checkList(READER.read(event, ListTokensRequest.class)),
                LIST_FIELDS);
    }

    @Example
    void acceptsAMegabyteNameWithEmojiRightToLeftTextAndNulUnchanged() {
        String name = "🔑\u202Eمفتاح\u0000" + "n".repeat(1_000_000);
        ObjectNode event = NODES.objectNode().put("name", name);
        event.putArray("scopes").add("DiagnosticExport");

        CreateToken request = TokenValidation.checkCreate(READER.read(event, CreateToken.class));

        assertThat(request.name().equals(name)).as("the name is kept unchanged").isTrue();
    }

    private static void assertValidOrClearlyRefused(Runnable bindAndCheck, List<String> fields) {
        try {
            bindAndCheck.run();
        } catch (InvalidInputException e) {
            assertThat(e.problems()).isNotEmpty().allSatisfy(problem -> {
                assertThat(problem).matches("(?s)(request|[A-Za-z]+(\\[\\d+\\])?(\\.[A-Za-z]+)?): .+")
                        .hasSizeLessThan(400)
                        .doesNotContain("com.fasterxml", "java.", "Exception", "\u0000");
            });
        }
        // Any other exception escapes and fails the property.
    }

    @Provide
    Arbitrary<JsonNode> createEvents() {
        return events(List.of("name", "scopes", "expiresIn"), List.of("DiagnosticExport", "settings.read", "x"));
    }

    @Provide
    Arbitrary<JsonNode> listEvents() {
        return events(List.of("limit", "user", "permissions", "from", "to"), List.of("apiTokens.read", "Nope"));
    }

    /** Objects whose fields are the known ones (and an unknown one) with values of any shape. */
    private static Arbitrary<JsonNode> events(List<String> known, List<String> scopes) {
        Arbitrary<String> fieldNames = Arbitraries.oneOf(Arbitraries.of(known), Arbitraries.of("extra"));
        Arbitrary<JsonNode> value = values(scopes);
        return Arbitraries.maps(fieldNames, value).ofMaxSize(5).map(fields -> {
            ObjectNode node = NODES.objectNode();
            fields.forEach(node::set);
            return (JsonNode) node;
        }).injectDuplicates(0.0).edgeCases(edges -> edges.add(NODES.objectNode()));
    }

    private static Arbitrary<JsonNode> values(List<String> scopes) {
        Arbitrary<JsonNode> scalars = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40).map(NODES::textNode),
                Arbitraries.of(scopes).map(NODES::textNode),
                Arbitraries.of("", " ", "\u0000", "2026-08-01T00:00:00Z", "yesterday", "9999999999999999999",
                        "🔑", "\u202Etxt").map(NODES::textNode),
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.integers().between(-2, 1_000_001).map(NODES::numberNode),
                Arbitraries.doubles().map(NODES::numberNode),
                Arbitraries.bigIntegers().between(java.math.BigInteger.TEN.pow(30).negate(),
                        java.math.BigInteger.TEN.pow(30)).map(NODES::numberNode),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.just(NODES.nullNode()));
        return Arbitraries.recursive(() -> scalars, inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(3).map(items -> {
                    ArrayNode array = NODES.arrayNode();
                    items.forEach(array::add);
                    return (JsonNode) array;
                }),
                Arbitraries.maps(Arbitraries.of("value", "unit", "x"), inner).ofMaxSize(3).map(fields -> {
                    ObjectNode object = NODES.objectNode();
                    fields.forEach(object::set);
                    return (JsonNode) object;
                }),
                Arbitraries.of("DAYS", "HOURS", "WEEKS").map(unit -> (JsonNode) NODES.objectNode()
                        .put("value", 5).put("unit", unit))), 0, 3);
    }

    @Example
    void refusesAnEventNestedTenThousandDeepInAField() throws Exception {
        ObjectNode event = NODES.objectNode();
        JsonNode deep = NODES.arrayNode();
        for (int i = 0; i < 10_000; i++) {
            deep = NODES.arrayNode().add(deep);
        }
        event.set("name", deep);
        assertValidOrClearlyRefused(() -> TokenValidation.checkCreate(READER.read(event, CreateToken.class)),
                CREATE_FIELDS);
        assertThat(JSON).isNotNull();
    }
}
