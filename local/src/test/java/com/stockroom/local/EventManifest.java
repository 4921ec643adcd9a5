package com.stockroom.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockroom.web.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code events/manifest.json}: each sample event, the function that takes it and what it must
 * answer. {@code EventsIT} runs them in-process and {@code InvokeIT} through {@code invoke}; both
 * check the answers here.
 */
final class EventManifest {

    /** The events folder, absolute. */
    static final Path EVENTS = Path.of(System.getProperty("stockroom.events", "../events")).toAbsolutePath();

    private EventManifest() {
    }

    /** The entries, in the order they must run: {@code file}, {@code function} and the expectation. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> entries() throws Exception {
        Map<String, Object> manifest = (Map<String, Object>) Json.parse(Files.readString(EVENTS.resolve("manifest.json")));
        return (List<Map<String, Object>>) manifest.get("events");
    }

    /**
     * The answer is what the entry says: its HTTP status (with a JSON:API document, errors or
     * data, as the status calls for), its whole answer, the counts it reports, or its batch item
     * failures.
     */
    @SuppressWarnings("unchecked")
    static void check(Map<String, Object> entry, Map<String, Object> answer) throws Json.Malformed {
        String file = (String) entry.get("file");
        if (entry.containsKey("status")) {
            assertThat(answer.get("statusCode")).as(file + " answered " + answer).isEqualTo(entry.get("status"));
            Object body = answer.get("body") == null ? null : Json.parse((String) answer.get("body"));
            long status = (Long) entry.get("status");
            if (status >= 400) {
                assertThat(body).as(file).isInstanceOf(Map.class);
                assertThat((Map<String, Object>) body).as(file).containsKey("errors");
            } else if (status != 204) {
                assertThat((Map<String, Object>) body).as(file).containsKey("data");
            }
        } else if (entry.containsKey("answer")) {
            assertThat(answer).as(file).isEqualTo(entry.get("answer"));
        } else if (entry.containsKey("counts")) {
            // Counts of whatever the stack holds at the time (a sweep's timed-out payments): whole numbers, none negative.
            assertThat(answer.keySet()).as(file + " answered " + answer).containsExactlyInAnyOrderElementsOf((List<String>) entry.get("counts"));
            assertThat(answer.values()).as(file).allSatisfy(count -> assertThat(count).isInstanceOf(Long.class)
                    .satisfies(n -> assertThat((Long) n).isNotNegative()));
        } else {
            List<Map<String, Object>> failures = (List<Map<String, Object>>) answer.get("batchItemFailures");
            assertThat(failures).as(file).extracting(f -> f.get("itemIdentifier"))
                    .containsExactlyElementsOf((List<Object>) entry.get("batchItemFailures"));
        }
    }
}
