package com.clustertokens.infra;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a CloudFormation template written in YAML, turning each short-form intrinsic ({@code !Ref x}) into its long
 * form ({@code {Ref: x}}); any other tag fails the parse, as it would fail CloudFormation.
 */
final class CloudFormationYaml {

    /** Short-form tags CloudFormation accepts, mapped to their long-form keys. */
    private static final Map<String, String> INTRINSICS = Map.ofEntries(
            Map.entry("!Ref", "Ref"), Map.entry("!Condition", "Condition"),
            Map.entry("!GetAtt", "Fn::GetAtt"), Map.entry("!Sub", "Fn::Sub"), Map.entry("!If", "Fn::If"),
            Map.entry("!Equals", "Fn::Equals"), Map.entry("!Not", "Fn::Not"), Map.entry("!And", "Fn::And"),
            Map.entry("!Or", "Fn::Or"), Map.entry("!Join", "Fn::Join"), Map.entry("!Select", "Fn::Select"),
            Map.entry("!Split", "Fn::Split"), Map.entry("!FindInMap", "Fn::FindInMap"),
            Map.entry("!Base64", "Fn::Base64"), Map.entry("!Cidr", "Fn::Cidr"), Map.entry("!GetAZs", "Fn::GetAZs"),
            Map.entry("!ImportValue", "Fn::ImportValue"), Map.entry("!Transform", "Fn::Transform"),
            Map.entry("!Length", "Fn::Length"), Map.entry("!ToJsonString", "Fn::ToJsonString"));

    private CloudFormationYaml() {
    }

    /** The template at {@code path} as nested maps, lists and scalars. */
    static Map<String, Object> read(Path path) throws IOException {
        try (Reader reader = Files.newBufferedReader(path)) {
            return yaml().load(reader);
        }
    }

    /** Parses template text; throws on any tag CloudFormation would not accept. */
    static Map<String, Object> parse(String text) {
        return yaml().load(text);
    }

    private static Yaml yaml() {
        return new Yaml(new IntrinsicConstructor());
    }

    private static final class IntrinsicConstructor extends SafeConstructor {

        IntrinsicConstructor() {
            super(new LoaderOptions());
            INTRINSICS.forEach((tag, key) -> yamlConstructors.put(new Tag(tag), new Intrinsic(key)));
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String key;

            Intrinsic(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    String text = scalar.getValue();
                    // !GetAtt Resource.Attribute is shorthand for the two-element list form.
                    value = key.equals("Fn::GetAtt") ? new ArrayList<>(Arrays.asList(text.split("\\.", 2))) : text;
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                return Map.of(key, value);
            }
        }
    }

    /** Whether a value is one intrinsic function call, e.g. {Ref: X}. */
    static boolean isIntrinsic(Object value) {
        return value instanceof Map<?, ?> map && map.size() == 1
                && INTRINSICS.containsValue(String.valueOf(map.keySet().iterator().next()));
    }

    /** Flattens a value that is a scalar or a list of them. */
    static List<Object> asList(Object value) {
        return value instanceof List<?> list ? new ArrayList<>(list) : value == null ? List.of() : List.of(value);
    }
}
