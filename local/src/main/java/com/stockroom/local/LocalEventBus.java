package com.stockroom.local;

import com.stockroom.web.Json;
import com.stockroom.web.JsonApi;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A minimal EventBridge on the gateway's own port: what the functions' SDK clients send there
 * ({@code POST /} with {@code X-Amz-Target: AWSEvents.PutEvents}, AWS JSON 1.1) is answered as
 * EventBridge answers it, {@code {"FailedEntryCount":0,"Entries":[{"EventId":"..."}]}}, and each
 * event is written to the log, one line, and kept in memory as EventBridge would hand it to a
 * rule's target ({@code version}, {@code id}, {@code detail-type}, {@code source}, {@code time},
 * {@code detail} ...). {@code GET /local/events} lists them, oldest first, open like the other
 * local routes, filtered by {@code ?detail-type=} and {@code ?product_id=} (the detail's); the
 * newest {@value #MOST_KEPT} are kept.
 * No rules and no targets: the list is what a test, or a person, reads.
 */
final class LocalEventBus {

    /** Where each event's line goes (one JSON object, as the functions' lines are): standard output, unless the tests point it elsewhere. */
    private static volatile Consumer<String> log = System.out::println;

    /** Points every bus's event lines at {@code sink}; standard output again for null. */
    static void logTo(Consumer<String> sink) {
        log = sink == null ? System.out::println : sink;
    }

    static final String EVENTS = "/local/events";
    static final String TARGET_PREFIX = "AWSEvents.";
    static final String PUT_EVENTS = TARGET_PREFIX + "PutEvents";
    private static final String JSON_1_1 = "application/x-amz-json-1.1";
    /** PutEvents takes at most 10 entries. */
    static final int MOST_ENTRIES = 10;
    /** How many events are kept: past it, the oldest go, so a stack left running does not grow without end. */
    static final int MOST_KEPT = 100_000;

    private final java.util.ArrayDeque<Map<String, Object>> events = new java.util.ArrayDeque<>();
    /** Entries to refuse, by the detail's product id: how many more times (a fault, as EventBridge can have, for tests). */
    private final Map<String, Integer> refusals = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Makes the next {@code times} entries whose detail names {@code productId} fail with
     * {@code InternalFailure}, as EventBridge fails entries one by one ({@code FailedEntryCount}).
     */
    void refuse(String productId, int times) {
        if (times > 0) {
            refusals.put(productId, times);
        } else {
            refusals.remove(productId);
        }
    }

    /** Whether a request is an EventBridge call: a POST to {@code /} whose target names an EventBridge operation. */
    static boolean isCall(String method, String path, Optional<String> target) {
        return method.equals("POST") && path.equals("/") && target.filter(t -> t.startsWith(TARGET_PREFIX)).isPresent();
    }

    static boolean serves(String path) {
        return path.equals(EVENTS);
    }

    /** Answers an EventBridge call: PutEvents; any other operation is one this bus does not have. */
    HttpGateway.Answer call(String target, byte[] body) {
        if (!target.equals(PUT_EVENTS)) {
            return error(400, "UnknownOperationException", "the local event bus answers PutEvents only, not " + target);
        }
        Object request;
        try {
            request = Json.parse(new String(body, StandardCharsets.UTF_8));
        } catch (Json.Malformed malformed) {
            return error(400, "SerializationException", "the request is not JSON");
        }
        if (!(request instanceof Map<?, ?> fields) || !(fields.get("Entries") instanceof List<?> entries)
                || entries.isEmpty() || entries.size() > MOST_ENTRIES) {
            return error(400, "ValidationException", "Entries must list from 1 to " + MOST_ENTRIES + " entries");
        }
        List<Map<String, Object>> answers = new ArrayList<>();
        int failed = 0;
        for (Object entry : entries) {
            Read read = read(entry);
            if (read.refusal() != null) {
                failed++;
                answers.add(Json.object("ErrorCode", "InvalidArgument", "ErrorMessage", read.refusal()));
            } else if (injectedFault(read.detail())) {
                failed++;
                answers.add(Json.object("ErrorCode", "InternalFailure", "ErrorMessage", "the local event bus was told to refuse this entry"));
            } else {
                answers.add(Json.object("EventId", put((Map<?, ?>) entry, read.detail())));
            }
        }
        return new HttpGateway.Answer(200, Map.of("Content-Type", JSON_1_1),
                Json.write(Json.object("FailedEntryCount", failed, "Entries", answers)).getBytes(StandardCharsets.UTF_8));
    }

    /** An entry read: its detail, a JSON object, or why EventBridge would refuse the entry. */
    private record Read(Map<?, ?> detail, String refusal) {

        static Read refused(String why) {
            return new Read(null, why);
        }
    }

    /** An entry's detail; refused for no source, detail type or detail, or a detail that is not a JSON object. */
    private static Read read(Object entry) {
        if (!(entry instanceof Map<?, ?> fields)) {
            return Read.refused("an entry is not an object");
        }
        for (String required : List.of("Source", "DetailType", "Detail")) {
            if (!(fields.get(required) instanceof String value) || value.isBlank()) {
                return Read.refused("Parameter " + required + " is not valid. Reason: " + required + " is a required argument.");
            }
        }
        if (fields.get("Time") != null && !(fields.get("Time") instanceof Number)) {
            return Read.refused("Parameter Time is not valid. Reason: Time is a timestamp, in epoch seconds.");
        }
        try {
            return Json.parse((String) fields.get("Detail")) instanceof Map<?, ?> detail
                    ? new Read(detail, null)
                    : Read.refused("Detail is malformed: not a JSON object");
        } catch (Json.Malformed malformed) {
            return Read.refused("Detail is malformed.");
        }
    }

    private boolean injectedFault(Map<?, ?> detail) {
        if (refusals.isEmpty() || !(detail.get("product_id") instanceof String productId)) {
            return false;
        }
        boolean[] refused = {false};
        refusals.computeIfPresent(productId, (id, left) -> {
            refused[0] = true;
            return left > 1 ? left - 1 : null;
        });
        return refused[0];
    }

    private String put(Map<?, ?> entry, Map<?, ?> detail) {
        String id = UUID.randomUUID().toString();
        String bus = entry.get("EventBusName") instanceof String name && !name.isBlank() ? name : "default";
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "0");
        event.put("id", id);
        event.put("detail-type", entry.get("DetailType"));
        event.put("source", entry.get("Source"));
        event.put("account", Intrinsics.ACCOUNT);
        event.put("time", entry.get("Time") != null ? Instant.ofEpochSecond(((Number) entry.get("Time")).longValue()).toString()
                : Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        event.put("region", Intrinsics.REGION);
        event.put("resources", entry.get("Resources") instanceof List<?> resources ? resources : List.of());
        event.put("event-bus-name", bus);
        event.put("detail", detail);
        synchronized (events) {
            if (events.size() >= MOST_KEPT) {
                events.removeFirst();
            }
            events.add(event);
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", Instant.now().toString());
        line.put("level", "INFO");
        line.put("message", "event put on the local event bus");
        line.put("event_id", id);
        line.put("bus", bus);
        line.put("source", entry.get("Source"));
        line.put("detail_type", entry.get("DetailType"));
        line.put("detail", detail);
        log.accept(Json.write(line));
        return id;
    }

    /** {@code GET /local/events}: the events put so far, oldest first, those of one detail type or product when asked. */
    HttpGateway.Answer answer(String method, String rawQuery) {
        if (!method.equals("GET")) {
            return HttpGateway.Answer.json(405, JsonApi.errors(405, "Method Not Allowed", EVENTS + " answers GET only"))
                    .withHeader("Allow", "GET");
        }
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            try {
                UrlEncoded.pairs(rawQuery).forEach(pair -> query.put(pair.getKey(), pair.getValue()));
            } catch (IllegalArgumentException malformed) {
                return HttpGateway.Answer.json(400, JsonApi.errors(400, "Bad Request", "the query string is not well-formed: " + malformed.getMessage()));
            }
        }
        for (String name : query.keySet()) {
            if (!name.equals("detail-type") && !name.equals("product_id")) {
                return HttpGateway.Answer.json(400, JsonApi.errors(400, "Bad Request", EVENTS + " filters by detail-type and product_id only, not " + name));
            }
        }
        return HttpGateway.Answer.json(200, Json.object("data", events(Optional.ofNullable(query.get("detail-type")),
                Optional.ofNullable(query.get("product_id")))));
    }

    /** The events put so far, oldest first, of one detail type and one product (the detail's {@code product_id}) when given. */
    List<Map<String, Object>> events(Optional<String> detailType, Optional<String> productId) {
        synchronized (events) {
            return events.stream()
                    .filter(e -> detailType.isEmpty() || detailType.get().equals(e.get("detail-type")))
                    .filter(e -> productId.isEmpty() || e.get("detail") instanceof Map<?, ?> detail && productId.get().equals(detail.get("product_id")))
                    .toList();
        }
    }

    private static HttpGateway.Answer error(int status, String type, String message) {
        return new HttpGateway.Answer(status, Map.of("Content-Type", JSON_1_1),
                Json.write(Json.object("__type", type, "message", message)).getBytes(StandardCharsets.UTF_8));
    }
}
