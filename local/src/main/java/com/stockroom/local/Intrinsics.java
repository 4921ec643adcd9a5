package com.stockroom.local;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the CloudFormation functions the local stack needs ({@code Ref}, {@code Fn::GetAtt},
 * {@code Fn::Sub}, {@code Fn::Join}, {@code Fn::Select}, {@code Fn::Split}) against the
 * resources it has made: a table's Ref is its name, a queue's its URL, and so on. A parameter's
 * Ref is its value, and for a {@code CommaDelimitedList} parameter that value is a list, as
 * CloudFormation gives it.
 */
final class Intrinsics {

    static final String REGION = "us-east-1";
    static final String ACCOUNT = "000000000000";
    static final String STACK = "stockroom";

    private static final Pattern SUB = Pattern.compile("\\$\\{([^}]+)}");

    /** What {@code Ref} gives for each logical id or parameter: a string, or a list of them. */
    private final Map<String, Object> refs = new HashMap<>();
    /** What {@code Fn::GetAtt} gives for each logical id's attributes. */
    private final Map<String, Map<String, String>> attributes = new HashMap<>();

    Intrinsics(Template template, Map<String, String> parameterOverrides) {
        refs.put("AWS::Region", REGION);
        refs.put("AWS::AccountId", ACCOUNT);
        refs.put("AWS::StackName", STACK);
        refs.put("AWS::Partition", "aws");
        refs.put("AWS::URLSuffix", "amazonaws.com");
        Map<String, Map<String, Object>> parameters = template.parameters();
        Map<String, String> values = new HashMap<>();
        parameters.forEach((name, parameter) -> {
            if (parameter.get("Default") != null) {
                values.put(name, String.valueOf(parameter.get("Default")));
            }
        });
        values.putAll(parameterOverrides);
        values.forEach((name, value) -> {
            boolean list = "CommaDelimitedList".equals(parameters.getOrDefault(name, Map.of()).get("Type"));
            refs.put(name, list ? commaDelimited(value) : value);
        });
    }

    /** A CommaDelimitedList's value as its list of strings, each stripped of surrounding blanks. */
    private static List<String> commaDelimited(String value) {
        List<String> items = new ArrayList<>();
        for (String item : value.split(",", -1)) {
            items.add(item.strip());
        }
        return List.copyOf(items);
    }

    void define(String logicalId, String ref, Map<String, String> attrs) {
        refs.put(logicalId, ref);
        attributes.put(logicalId, Map.copyOf(attrs));
    }

    String string(Object value) {
        Object resolved = resolve(value);
        if (resolved instanceof List || resolved instanceof Map) {
            throw new IllegalArgumentException("expected a single value, got " + resolved);
        }
        return String.valueOf(resolved);
    }

    @SuppressWarnings("unchecked")
    Object resolve(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                Map.Entry<?, ?> only = map.entrySet().iterator().next();
                String key = String.valueOf(only.getKey());
                Object arg = only.getValue();
                switch (key) {
                    case "Ref":
                        return ref(String.valueOf(arg));
                    case "Fn::GetAtt": {
                        List<Object> parts = (List<Object>) arg;
                        return attribute(String.valueOf(parts.get(0)), String.valueOf(parts.get(1)));
                    }
                    case "Fn::Sub":
                        return sub(arg);
                    case "Fn::Join": {
                        List<Object> parts = (List<Object>) arg;
                        List<String> items = new ArrayList<>();
                        for (Object item : (List<Object>) resolve(parts.get(1))) {
                            items.add(String.valueOf(item));
                        }
                        return String.join(String.valueOf(parts.get(0)), items);
                    }
                    case "Fn::Select": {
                        List<Object> parts = (List<Object>) arg;
                        int index = Integer.parseInt(string(parts.get(0)));
                        return ((List<Object>) resolve(parts.get(1))).get(index);
                    }
                    case "Fn::Split": {
                        List<Object> parts = (List<Object>) arg;
                        return List.of(string(parts.get(1)).split(Pattern.quote(String.valueOf(parts.get(0))), -1));
                    }
                    default:
                        if (key.startsWith("Fn::")) {
                            throw new IllegalArgumentException("the local stack does not resolve " + key);
                        }
                }
            }
            Map<String, Object> resolved = new LinkedHashMap<>();
            map.forEach((k, v) -> resolved.put(String.valueOf(k), resolve(v)));
            return resolved;
        }
        if (value instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>();
            list.forEach(item -> resolved.add(resolve(item)));
            return resolved;
        }
        return value;
    }

    private Object ref(String name) {
        Object ref = refs.get(name);
        if (ref == null) {
            throw new IllegalArgumentException("nothing local answers Ref " + name);
        }
        return ref;
    }

    private String attribute(String logicalId, String attribute) {
        String value = attributes.getOrDefault(logicalId, Map.of()).get(attribute);
        if (value == null) {
            throw new IllegalArgumentException("nothing local answers Fn::GetAtt " + logicalId + "." + attribute);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private String sub(Object arg) {
        String text;
        Map<String, Object> variables = Map.of();
        if (arg instanceof List<?> parts) {
            text = String.valueOf(parts.get(0));
            variables = (Map<String, Object>) parts.get(1);
        } else {
            text = String.valueOf(arg);
        }
        Matcher m = SUB.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String replacement;
            if (name.startsWith("!")) {
                replacement = "${" + name.substring(1) + "}";
            } else if (variables.containsKey(name)) {
                replacement = string(variables.get(name));
            } else if (name.contains(".")) {
                int dot = name.indexOf('.');
                replacement = attribute(name.substring(0, dot), name.substring(dot + 1));
            } else if (ref(name) instanceof String single) {
                replacement = single;
            } else {
                throw new IllegalArgumentException("Fn::Sub cannot put the list " + name + " into a string");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
