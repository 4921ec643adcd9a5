package com.stockroom.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockroom.web.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every event in {@code events/} is loaded and run against the function the manifest names,
 * in the manifest's order, exactly as {@code sam local invoke -e} would hand it over.
 */
@ExtendWith(Stack.class)
class EventsIT {

    private static final Path EVENTS = EventManifest.EVENTS;

    private static List<Map<String, Object>> manifest() throws Exception {
        return EventManifest.entries();
    }

    @Test
    void every_event_file_is_in_the_manifest_and_every_manifest_entry_has_a_file() throws Exception {
        List<String> files;
        try (Stream<Path> walk = Files.walk(EVENTS)) {
            files = walk.filter(p -> p.toString().endsWith(".json") && !p.getFileName().toString().equals("manifest.json"))
                    .map(p -> EVENTS.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
        assertThat(manifest()).extracting(e -> e.get("file")).containsExactlyInAnyOrderElementsOf(files);
        assertThat(files).isNotEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void every_event_answers_as_the_manifest_says() throws Exception {
        for (Map<String, Object> entry : manifest()) {
            String event = read((String) entry.get("file"));
            EventManifest.check(entry, (Map<String, Object>) Json.parse(Stack.get().invoke((String) entry.get("function"), event)));
        }
        // The stream sample's insert and allocation reached the log; its removal is not a stock move.
        List<Map<String, Object>> log = History.all("sample-stream-1");
        assertThat(log).extracting(e -> e.get("action")).containsExactly("allocate", "increment");
        assertThat(log.get(0)).containsEntry("order_id", "order-1");
        // Each entry says who made the change, why and for what, as the stock item recorded it.
        assertThat(log.get(0).get("actor")).isEqualTo(Map.of("subject", "shopper-ann", "client_id", "storefront-web"));
        assertThat(log.get(1)).containsEntry("reason", "opening stock count").containsEntry("reference", "COUNT-2026-12");
        assertThat(log.get(1).get("actor")).isEqualTo(Map.of("subject", "back-office-admin", "client_id", "stockroom-admin"));
    }

    private static String read(String file) throws IOException {
        return Files.readString(EVENTS.resolve(file));
    }
}
