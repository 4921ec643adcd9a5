package com.stockroom.lambda;

import com.stockroom.web.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DynamoDB stream events for tests, as {@link Json#parse} gives them: each record
 * {@code {"eventName", "dynamodb": {"Keys", "OldImage", "NewImage", "SequenceNumber",
 * "StreamViewType"}}}, its attribute values in DynamoDB JSON ({@code {"S": "p1"}}).
 */
final class StreamEvents {

    private StreamEvents() {
    }

    /** An event of these records (maps, or anything else a malformed event might hold). */
    static Map<String, Object> event(List<?> records) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("Records", new ArrayList<>(records));
        return event;
    }

    static Map<String, Object> event(Record... records) {
        return event(List.of(records).stream().map(Record::build).toList());
    }

    /** A record with the key {@code product_id = p1} and no images yet. */
    static Record record(String eventName, String sequenceNumber, String viewType) {
        return new Record(eventName, sequenceNumber, viewType);
    }

    /** A string attribute value in DynamoDB JSON. */
    static Map<String, Object> s(String value) {
        return Map.of("S", value);
    }

    /** A number attribute value in DynamoDB JSON. */
    static Map<String, Object> n(String value) {
        return Map.of("N", value);
    }

    /** A JSON text as the parser reads it: the way an attribute value arrives. */
    static Object json(String text) {
        try {
            return Json.parse(text);
        } catch (Json.Malformed malformed) {
            throw new IllegalArgumentException("the test's JSON is malformed: " + text, malformed);
        }
    }

    static final class Record {

        private final Map<String, Object> record = new LinkedHashMap<>();
        private final Map<String, Object> data = new LinkedHashMap<>();

        private Record(String eventName, String sequenceNumber, String viewType) {
            record.put("eventName", eventName);
            record.put("eventSource", "aws:dynamodb");
            data.put("Keys", Map.of("product_id", s("p1")));
            data.put("SequenceNumber", sequenceNumber);
            data.put("StreamViewType", viewType);
            record.put("dynamodb", data);
        }

        Record keys(Object keys) {
            return data("Keys", keys);
        }

        Record oldImage(Object image) {
            return data("OldImage", image);
        }

        Record newImage(Object image) {
            return data("NewImage", image);
        }

        /** The typical stock image: {@code product_id = p1, total = 1}. */
        Record oldImage() {
            return oldImage(image());
        }

        Record newImage() {
            return newImage(image());
        }

        /** A member of {@code dynamodb}, of any type; null removes it. */
        Record data(String name, Object value) {
            if (value == null) {
                data.remove(name);
            } else {
                data.put(name, value);
            }
            return this;
        }

        /** The record without its {@code dynamodb} member. */
        Record withoutData() {
            record.remove("dynamodb");
            return this;
        }

        Map<String, Object> build() {
            Map<String, Object> copy = new LinkedHashMap<>(record);
            if (copy.containsKey("dynamodb")) {
                Map<String, Object> dataCopy = new LinkedHashMap<>(data);
                dataCopy.values().removeIf(value -> value == null);
                copy.put("dynamodb", dataCopy);
            }
            return copy;
        }

        private static Map<String, Object> image() {
            Map<String, Object> image = new LinkedHashMap<>();
            image.put("product_id", s("p1"));
            image.put("total", n("1"));
            return image;
        }
    }
}
