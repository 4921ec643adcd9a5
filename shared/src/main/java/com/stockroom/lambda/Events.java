package com.stockroom.lambda;

import com.stockroom.web.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The bytes of an event in, the bytes of an answer out, for handlers that read their events
 * themselves ({@code RequestStreamHandler}). The Java runtime's own route, turning the JSON into
 * event classes by reflection, costs most of a cold start; the streaming parser reads the same
 * JSON into maps in a fraction of it.
 */
public final class Events {

    private Events() {
    }

    /** The event Lambda sent, which is one JSON object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(InputStream in) throws IOException {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        Object event;
        try {
            event = Json.parse(text);
        } catch (Json.Malformed malformed) {
            throw new IllegalArgumentException("the event is not JSON: " + malformed.getMessage());
        }
        if (!(event instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("the event is not a JSON object");
        }
        return (Map<String, Object>) event;
    }

    /** Writes the handler's answer, a JSON document, as Lambda returns it. */
    public static void write(OutputStream out, String json) throws IOException {
        out.write(json.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** A string member, or null if there is none (or it is not a string). */
    static String string(Map<String, Object> object, String name) {
        return object.get(name) instanceof String value ? value : null;
    }

    /** An object member, or an empty one. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<String, Object> object, String name) {
        return object.get(name) instanceof Map<?, ?> member ? (Map<String, Object>) member : Map.of();
    }
}
