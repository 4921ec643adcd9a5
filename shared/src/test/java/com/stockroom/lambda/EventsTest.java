package com.stockroom.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventsTest {

    private static InputStream in(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void an_event_object_is_read_into_ordered_maps_and_lists() throws IOException {
        Map<String, Object> event = Events.read(in("{\"b\":1,\"a\":[\"x\",{\"c\":true}],\"d\":null,\"e\":\"caf\u00e9\"}"));

        assertThat(event.keySet()).containsExactly("b", "a", "d", "e");
        assertThat(event).containsEntry("b", 1L).containsEntry("a", List.of("x", Map.of("c", true))).containsEntry("d", null)
                .containsEntry("e", "café");
    }

    @Test
    void an_empty_object_is_an_event() throws IOException {
        assertThat(Events.read(in(" {} "))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "not json", "{", "{\"a\":1} {}", "{\"a\":1,\"a\":2}", "{'a':1}"})
    void an_event_that_is_not_json_is_refused(String text) {
        assertThatThrownBy(() -> Events.read(in(text)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the event is not JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{}]", "42", "\"event\"", "true", "null"})
    void an_event_that_is_not_an_object_is_refused(String text) {
        assertThatThrownBy(() -> Events.read(in(text)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the event is not a JSON object");
    }

    @Test
    void the_answer_is_written_as_utf8() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        Events.write(out, "{\"name\":\"caf\u00e9 \ud83d\ude00\"}");

        assertThat(out.toByteArray()).isEqualTo("{\"name\":\"café \ud83d\ude00\"}".getBytes(StandardCharsets.UTF_8));
    }
}
