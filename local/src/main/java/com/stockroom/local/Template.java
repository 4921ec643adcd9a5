package com.stockroom.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
 * The SAM template as plain maps and lists. CloudFormation's short-form tags ({@code !Ref},
 * {@code !GetAtt}, {@code !Sub} ...) become their long forms ({@code {"Ref": ...}},
 * {@code {"Fn::GetAtt": [...]}}), which {@link Intrinsics} resolves.
 */
final class Template {

    private static final List<String> FUNCTIONS = List.of(
            "Ref", "Condition", "GetAtt", "Sub", "Join", "Select", "Split", "If", "Equals", "Not", "And", "Or",
            "FindInMap", "Base64", "Cidr", "GetAZs", "ImportValue", "Transform");

    private final Map<String, Object> root;

    private Template(Map<String, Object> root) {
        this.root = root;
    }

    static Template read(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return read(in);
        }
    }

    @SuppressWarnings("unchecked")
    static Template read(InputStream in) {
        LoaderOptions options = new LoaderOptions();
        Object root = new Yaml(new CloudFormationConstructor(options)).load(in);
        if (!(root instanceof Map)) {
            throw new IllegalArgumentException("the template is not a YAML mapping");
        }
        return new Template((Map<String, Object>) root);
    }

    Map<String, Map<String, Object>> resources() {
        return mapOfMaps(root.get("Resources"));
    }

    /** The whole parsed template, for checks that walk all of it. */
    Map<String, Object> root() {
        return root;
    }

    /** Resources of one type, by logical id, in template order. */
    Map<String, Map<String, Object>> resources(String type) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        resources().forEach((id, resource) -> {
            if (type.equals(resource.get("Type"))) {
                found.put(id, properties(resource));
            }
        });
        return found;
    }

    Map<String, Map<String, Object>> parameters() {
        return mapOfMaps(root.get("Parameters"));
    }

    /** The function properties {@code Globals} gives every function. */
    Map<String, Object> functionGlobals() {
        Map<String, Map<String, Object>> globals = mapOfMaps(root.get("Globals"));
        return globals.getOrDefault("Function", Map.of());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(Map<String, Object> resource) {
        Object properties = resource.get("Properties");
        return properties instanceof Map ? (Map<String, Object>) properties : Map.of();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> mapOfMaps(Object value) {
        return value instanceof Map ? (Map<String, Map<String, Object>>) value : Map.of();
    }

    private static final class CloudFormationConstructor extends SafeConstructor {

        CloudFormationConstructor(LoaderOptions options) {
            super(options);
            for (String function : FUNCTIONS) {
                yamlConstructors.put(new Tag("!" + function), new Intrinsic(function));
            }
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String name;

            Intrinsic(String name) {
                this.name = name;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    value = constructScalar(scalar);
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                if (name.equals("GetAtt") && value instanceof String dotted) {
                    int dot = dotted.indexOf('.');
                    value = List.of(dotted.substring(0, dot), dotted.substring(dot + 1));
                }
                String key = name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name;
                return Map.of(key, value);
            }
        }
    }
}
