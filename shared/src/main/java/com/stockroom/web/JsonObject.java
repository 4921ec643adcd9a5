package com.stockroom.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * One JSON object of a request body, read field by field; every wrong type or value becomes a
 * 400 that names the field by its path ({@code data.quantity}).
 */
public final class JsonObject {

    private final String path;
    private final Map<String, Object> fields;

    JsonObject(String path, Map<String, Object> fields) {
        this.path = path;
        this.fields = fields;
    }

    public boolean has(String name) {
        return fields.containsKey(name);
    }

    public boolean isNull(String name) {
        return fields.containsKey(name) && fields.get(name) == null;
    }

    /** The object's field names, in the order given. */
    public List<String> names() {
        return List.copyOf(fields.keySet());
    }

    /** A required string of {@code min} to {@code max} characters. */
    public String string(String name, int min, int max) {
        String value = string(name);
        if (value.length() < min || value.length() > max) {
            throw ApiError.badRequest(where(name) + " must be " + min + " to " + max + " characters");
        }
        return value;
    }

    public JsonObject object(String name) {
        Object value = fields.get(name);
        if (!(value instanceof Map)) {
            throw ApiError.badRequest(where(name) + " must be a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) value;
        return new JsonObject(where(name), object);
    }

    /** The field as an array of objects. */
    public List<JsonObject> objects(String name) {
        Object value = fields.get(name);
        if (!(value instanceof List<?> list)) {
            throw ApiError.badRequest(where(name) + " must be a JSON array");
        }
        return IntStream.range(0, list.size()).mapToObj(i -> {
            Object item = list.get(i);
            if (!(item instanceof Map)) {
                throw ApiError.badRequest(where(name) + "[" + i + "] must be a JSON object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) item;
            return new JsonObject(where(name) + "[" + i + "]", object);
        }).toList();
    }

    public String string(String name) {
        return optionalString(name).orElseThrow(() -> ApiError.badRequest(where(name) + " is required"));
    }

    public Optional<String> optionalString(String name) {
        Object value = fields.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String s)) {
            throw ApiError.badRequest(where(name) + " must be a string");
        }
        return Optional.of(s);
    }

    /** A required whole number from {@code min} to {@code max}: not a string, not a fraction. */
    public long wholeNumber(String name, long min, long max) {
        if (fields.get(name) instanceof Long value && value >= min && value <= max) {
            return value;
        }
        throw ApiError.badRequest(where(name) + " must be a whole number from " + min + " to " + max);
    }

    private String where(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
