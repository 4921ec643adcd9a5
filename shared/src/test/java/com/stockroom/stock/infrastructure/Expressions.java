package com.stockroom.stock.infrastructure;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A tiny interpreter of the part of DynamoDB's expression language the stock adapter speaks, so
 * that a unit test can run the very strings sent to DynamoDB against an item and compare the
 * verdict with the model's.
 *
 * <p>Conditions: {@code OR}, {@code AND}, {@code NOT} (in rising precedence), parentheses,
 * {@code attribute_exists(path)}, {@code attribute_not_exists(path)} and the comparisons
 * {@code = <> < <= > >=} of paths and {@code :values}; as in DynamoDB, a comparison with an
 * attribute the item lacks is false. Updates: {@code SET path = operand [+|- operand]} with
 * {@code if_not_exists(path, operand)}, and {@code REMOVE path, ...}; every right-hand side is
 * read from the item as it was before the update, as DynamoDB does, and arithmetic on a missing
 * attribute is an error. Like DynamoDB, it refuses a name or value placeholder that is not
 * defined, and reports those defined but never used ({@link #unused}), which DynamoDB also refuses.
 */
final class Expressions {

    private final Map<String, String> names;
    private final Map<String, AttributeValue> values;
    private final Set<String> used = new HashSet<>();

    Expressions(Map<String, String> names, Map<String, AttributeValue> values) {
        this.names = names;
        this.values = values;
    }

    /** Whether the condition holds for the item (an empty map for an item that does not exist). */
    boolean holds(String condition, Map<String, AttributeValue> item) {
        Parser parser = new Parser(tokens(condition), item);
        boolean result = parser.condition();
        parser.end();
        return result;
    }

    /** The item after the update (which, like UpdateItem, creates the item if it did not exist). */
    Map<String, AttributeValue> apply(String update, Map<String, AttributeValue> item) {
        Parser parser = new Parser(tokens(update), item);
        Map<String, AttributeValue> result = parser.update();
        parser.end();
        return result;
    }

    /** The placeholders defined but not used by any expression evaluated so far. */
    Set<String> unused() {
        Set<String> unused = new HashSet<>(names.keySet());
        unused.addAll(values.keySet());
        unused.removeAll(used);
        return unused;
    }

    private static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if ("(),+-".indexOf(c) >= 0) {
                tokens.add(String.valueOf(c));
                i++;
            } else if (c == '<' || c == '>' || c == '=') {
                String two = i + 1 < text.length() ? text.substring(i, i + 2) : "";
                if (two.equals("<=") || two.equals(">=") || two.equals("<>")) {
                    tokens.add(two);
                    i += 2;
                } else {
                    tokens.add(String.valueOf(c));
                    i++;
                }
            } else if (c == '#' || c == ':' || Character.isLetterOrDigit(c) || c == '_') {
                int start = i++;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                    i++;
                }
                tokens.add(text.substring(start, i));
            } else {
                throw new IllegalArgumentException("unexpected character '" + c + "' in " + text);
            }
        }
        return tokens;
    }

    private final class Parser {
        private final List<String> tokens;
        private final Map<String, AttributeValue> item;
        private int at;

        Parser(List<String> tokens, Map<String, AttributeValue> item) {
            this.tokens = tokens;
            this.item = item;
        }

        boolean condition() {
            boolean result = conjunction();
            while (accept("OR")) {
                boolean right = conjunction();
                result = result || right;
            }
            return result;
        }

        private boolean conjunction() {
            boolean result = negation();
            while (accept("AND")) {
                boolean right = negation();
                result = result && right;
            }
            return result;
        }

        private boolean negation() {
            if (accept("NOT")) {
                return !negation();
            }
            if (accept("(")) {
                boolean inner = condition();
                expect(")");
                return inner;
            }
            if (accept("attribute_exists")) {
                return function() != null;
            }
            if (accept("attribute_not_exists")) {
                return function() == null;
            }
            AttributeValue left = operand();
            String comparator = next();
            AttributeValue right = operand();
            return compare(left, comparator, right);
        }

        private AttributeValue function() {
            expect("(");
            AttributeValue value = item.get(path());
            expect(")");
            return value;
        }

        Map<String, AttributeValue> update() {
            Map<String, AttributeValue> result = new HashMap<>(item);
            boolean any = false;
            while (at < tokens.size()) {
                if (accept("SET")) {
                    do {
                        String target = path();
                        expect("=");
                        result.put(target, value());
                    } while (accept(","));
                } else if (accept("REMOVE")) {
                    do {
                        result.remove(path());
                    } while (accept(","));
                } else {
                    throw new IllegalArgumentException("expected SET or REMOVE at " + peek());
                }
                any = true;
            }
            if (!any) {
                throw new IllegalArgumentException("an empty update");
            }
            return result;
        }

        private AttributeValue value() {
            AttributeValue left = term();
            if (accept("+")) {
                return arithmetic(left, term(), 1);
            }
            if (accept("-")) {
                return arithmetic(left, term(), -1);
            }
            return left;
        }

        private AttributeValue term() {
            if (accept("if_not_exists")) {
                expect("(");
                AttributeValue existing = item.get(path());
                expect(",");
                AttributeValue otherwise = operand();
                expect(")");
                return existing != null ? existing : otherwise;
            }
            return operand();
        }

        private AttributeValue operand() {
            String token = peek();
            if (token.startsWith(":")) {
                at++;
                used.add(token);
                AttributeValue value = values.get(token);
                if (value == null) {
                    throw new IllegalArgumentException("undefined value " + token);
                }
                return value;
            }
            return item.get(path());
        }

        private String path() {
            String token = next();
            if (token.startsWith("#")) {
                used.add(token);
                String name = names.get(token);
                if (name == null) {
                    throw new IllegalArgumentException("undefined name " + token);
                }
                return name;
            }
            if (!Character.isLetter(token.charAt(0))) {
                throw new IllegalArgumentException("not an attribute: " + token);
            }
            return token;
        }

        private boolean accept(String token) {
            if (at < tokens.size() && tokens.get(at).equals(token)) {
                at++;
                return true;
            }
            return false;
        }

        private void expect(String token) {
            if (!accept(token)) {
                throw new IllegalArgumentException("expected " + token + " at " + peek());
            }
        }

        private String next() {
            String token = peek();
            at++;
            return token;
        }

        private String peek() {
            if (at >= tokens.size()) {
                throw new IllegalArgumentException("the expression ends too soon");
            }
            return tokens.get(at);
        }

        void end() {
            if (at != tokens.size()) {
                throw new IllegalArgumentException("unexpected " + tokens.get(at));
            }
        }
    }

    private static boolean compare(AttributeValue left, String comparator, AttributeValue right) {
        if (left == null || right == null) {
            return false;
        }
        int order;
        if (left.n() != null && right.n() != null) {
            order = new BigDecimal(left.n()).compareTo(new BigDecimal(right.n()));
        } else if (left.s() != null && right.s() != null) {
            order = left.s().compareTo(right.s());
        } else if (left.bool() != null && right.bool() != null && (comparator.equals("=") || comparator.equals("<>"))) {
            order = left.bool().equals(right.bool()) ? 0 : 1;
        } else {
            throw new IllegalArgumentException("cannot compare " + left + " " + comparator + " " + right);
        }
        return switch (comparator) {
            case "=" -> order == 0;
            case "<>" -> order != 0;
            case "<" -> order < 0;
            case "<=" -> order <= 0;
            case ">" -> order > 0;
            case ">=" -> order >= 0;
            default -> throw new IllegalArgumentException("not a comparator: " + comparator);
        };
    }

    private static AttributeValue arithmetic(AttributeValue left, AttributeValue right, int sign) {
        if (left == null || right == null || left.n() == null || right.n() == null) {
            throw new IllegalArgumentException("arithmetic on a missing or non-number operand");
        }
        BigDecimal result = new BigDecimal(left.n()).add(new BigDecimal(right.n()).multiply(BigDecimal.valueOf(sign)));
        return AttributeValue.fromN(result.toPlainString());
    }
}
