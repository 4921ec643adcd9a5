package com.stockroom.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict JSON on the streaming parser alone (no data binding, no reflection): objects become
 * ordered maps, arrays lists, whole numbers {@code Long} or {@code BigInteger}, fractions
 * {@code BigDecimal}. Duplicate keys, trailing content, deep nesting, numbers longer than
 * {@value #MAX_NUMBER_CHARS} characters or beyond {@code BigDecimal}'s exponent range, and strings
 * with a lone surrogate (which are not Unicode text, RFC 8259 section 8.2) are refused.
 */
public final class Json {

    static final int MAX_DEPTH = 32;
    static final int MAX_NUMBER_CHARS = 64;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxNumberLength(MAX_NUMBER_CHARS).build())
            .build();

    private Json() {
    }

    /** Thrown for text that is not one well-formed JSON value. */
    public static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    public static Object parse(String text) throws Malformed {
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new Malformed("the body is empty");
            }
            Object value = read(parser, first);
            if (parser.nextToken() != null) {
                throw new Malformed("the body has content after its JSON value");
            }
            return value;
        } catch (StreamConstraintsException e) {
            String limit = e.getOriginalMessage();
            throw new Malformed(limit.startsWith("Number value length") ? "the body has a number longer than " + MAX_NUMBER_CHARS + " characters"
                    : limit.startsWith("Document nesting depth") ? "the body nests arrays and objects deeper than " + MAX_DEPTH + " levels"
                    : "the body is not valid JSON: " + limit);
        } catch (JsonProcessingException e) {
            throw new Malformed("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object read(JsonParser parser, JsonToken token) throws IOException, Malformed {
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> object = new LinkedHashMap<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                    String name = text(parser.currentName());
                    object.put(name, read(parser, parser.nextToken()));
                }
                return object;
            }
            case START_ARRAY: {
                List<Object> array = new ArrayList<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    array.add(read(parser, t));
                }
                return array;
            }
            case VALUE_STRING:
                return text(parser.getText());
            case VALUE_NUMBER_INT:
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? parser.getBigIntegerValue() : parser.getLongValue();
            case VALUE_NUMBER_FLOAT:
                try {
                    return parser.getDecimalValue();
                } catch (NumberFormatException outOfRange) {
                    throw new Malformed("the body has a number whose exponent is out of range");
                }
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IllegalStateException("unexpected JSON token " + token);
        }
    }

    /** The string itself, if it is Unicode text: every surrogate in a pair, high then low. */
    private static String text(String string) throws Malformed {
        for (int i = 0; i < string.length(); i++) {
            char c = string.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < string.length() && Character.isLowSurrogate(string.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new Malformed("the body has a string with a lone surrogate (\\u" + Integer.toHexString(c)
                        + "), which is not Unicode text");
            }
        }
        return string;
    }

    /** An ordered JSON object from alternating names and values; null values are left out. */
    public static Map<String, Object> object(Object... namesAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                object.put((String) namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return object;
    }

    /** Writes maps, lists, strings, numbers, booleans and nulls as JSON. */
    public static String write(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            write(generator, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator out, Object value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof Map<?, ?> map) {
            out.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.writeFieldName(String.valueOf(e.getKey()));
                write(out, e.getValue());
            }
            out.writeEndObject();
        } else if (value instanceof Iterable<?> list) {
            out.writeStartArray();
            for (Object item : list) {
                write(out, item);
            }
            out.writeEndArray();
        } else if (value instanceof String s) {
            out.writeString(s);
        } else if (value instanceof Integer || value instanceof Long) {
            out.writeNumber(((Number) value).longValue());
        } else if (value instanceof BigDecimal d) {
            out.writeNumber(d);
        } else if (value instanceof Number n) {
            out.writeNumber(n.toString());
        } else if (value instanceof Boolean b) {
            out.writeBoolean(b);
        } else {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON");
        }
    }
}
