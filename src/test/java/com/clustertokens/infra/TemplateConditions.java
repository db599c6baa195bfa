package com.clustertokens.infra;

import static com.clustertokens.infra.SamTemplate.list;
import static com.clustertokens.infra.SamTemplate.map;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A template's conditions, rules and {@code Fn::If} as CloudFormation evaluates them for one set of parameter values
 * (the template's defaults, then the values given): which conditions hold, which rules refuse the values, and each
 * value with {@code Fn::If} chosen, parameters put in and {@code AWS::NoValue} dropped. Every other intrinsic (a
 * resource's Ref, Fn::GetAtt, Fn::Sub) is left as it is.
 */
final class TemplateConditions {

    private final Map<String, Object> root;
    private final Map<String, String> parameters;

    private TemplateConditions(Map<String, Object> root, Map<String, String> parameters) {
        this.root = root;
        this.parameters = parameters;
    }

    /** {@code root}'s parameters at their defaults, {@code given} over them; a name it does not declare fails. */
    static TemplateConditions of(Map<String, Object> root, Map<String, String> given) {
        Map<String, String> values = new LinkedHashMap<>();
        map(root.get("Parameters")).forEach((name, parameter) -> {
            Object fallback = map(parameter).get("Default");
            values.put(name, given.getOrDefault(name, fallback == null ? null : fallback.toString()));
        });
        given.keySet().forEach(name -> {
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("the template has no parameter " + name);
            }
        });
        return new TemplateConditions(root, values);
    }

    /** The value of parameter {@code name}. */
    String parameter(String name) {
        return parameters.get(name);
    }

    /** Whether the template's condition {@code name} holds. */
    boolean holds(String name) {
        Object definition = map(root.get("Conditions")).get(name);
        if (definition == null) {
            throw new IllegalStateException("the template has no condition " + name);
        }
        return truth(definition);
    }

    /** A condition function's value: Fn::Equals, Fn::Not, Fn::And, Fn::Or, Condition. */
    boolean truth(Object expression) {
        Map<String, Object> function = map(expression);
        if (function.containsKey("Condition")) {
            return holds(function.get("Condition").toString());
        }
        if (function.containsKey("Fn::Equals")) {
            List<Object> sides = list(function.get("Fn::Equals"));
            return String.valueOf(resolve(sides.get(0))).equals(String.valueOf(resolve(sides.get(1))));
        }
        if (function.containsKey("Fn::Not")) {
            return !truth(list(function.get("Fn::Not")).get(0));
        }
        if (function.containsKey("Fn::And")) {
            return list(function.get("Fn::And")).stream().allMatch(this::truth);
        }
        if (function.containsKey("Fn::Or")) {
            return list(function.get("Fn::Or")).stream().anyMatch(this::truth);
        }
        throw new IllegalStateException("not a condition function: " + expression);
    }

    /** The AssertDescription of every rule that refuses these parameter values (none: they deploy). */
    List<String> refusingRules() {
        List<String> refusals = new ArrayList<>();
        map(root.get("Rules")).forEach((name, value) -> {
            Map<String, Object> rule = map(value);
            if (rule.containsKey("RuleCondition") && !truth(rule.get("RuleCondition"))) {
                return;
            }
            for (Object assertion : list(rule.get("Assertions"))) {
                if (!truth(map(assertion).get("Assert"))) {
                    refusals.add(name + ": " + map(assertion).get("AssertDescription"));
                }
            }
        });
        return refusals;
    }

    /** The resources CloudFormation creates (their Condition holds), each resolved. */
    Map<String, Map<String, Object>> resources() {
        Map<String, Map<String, Object>> created = new LinkedHashMap<>();
        map(root.get("Resources")).forEach((id, resource) -> {
            Object condition = map(resource).get("Condition");
            if (condition == null || holds(condition.toString())) {
                created.put(id, map(resolve(resource)));
            }
        });
        return created;
    }

    /** {@code value} with every Fn::If chosen, parameters' Refs replaced and AWS::NoValue dropped; null if none. */
    Object resolve(Object value) {
        if (value instanceof List<?> items) {
            List<Object> resolved = new ArrayList<>();
            for (Object item : items) {
                Object kept = resolve(item);
                if (kept != null) {
                    resolved.add(kept);
                }
            }
            return resolved;
        }
        if (!(value instanceof Map<?, ?>)) {
            return value;
        }
        Map<String, Object> object = map(value);
        if (object.size() == 1 && object.containsKey("Fn::If")) {
            List<Object> arguments = list(object.get("Fn::If"));
            return resolve(holds(arguments.get(0).toString()) ? arguments.get(1) : arguments.get(2));
        }
        if (object.size() == 1 && object.get("Ref") instanceof String name) {
            if (name.equals("AWS::NoValue")) {
                return null;
            }
            return parameters.containsKey(name) ? parameters.get(name) : object;
        }
        Map<String, Object> resolved = new LinkedHashMap<>();
        object.forEach((key, item) -> {
            Object kept = resolve(item);
            if (kept != null) {
                resolved.put(key, kept);
            }
        });
        return resolved;
    }
}
