package com.stockroom.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonObjectTest {

    @SuppressWarnings("unchecked")
    private static JsonObject data(String json) throws Json.Malformed {
        return new JsonObject("data", (Map<String, Object>) Json.parse(json));
    }

    private static void assertBadRequest(Runnable call, String mentioning) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.detail()).contains(mentioning);
                });
    }

    // --- wholeNumber

    @Test
    void whole_number_in_range_is_accepted() throws Exception {
        assertThat(data("{\"n\":5}").wholeNumber("n", 1, 10)).isEqualTo(5);
    }

    @Test
    void whole_number_at_either_bound_is_accepted() throws Exception {
        assertThat(data("{\"n\":1}").wholeNumber("n", 1, 10)).isEqualTo(1);
        assertThat(data("{\"n\":10}").wholeNumber("n", 1, 10)).isEqualTo(10);
        assertThat(data("{\"n\":1000000000}").wholeNumber("n", 1, 1_000_000_000)).isEqualTo(1_000_000_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"5\"", "1.5", "2.0", "5e0", "true", "false", "null", "[5]", "{\"v\":5}",
            "123456789012345678901234567890", "9223372036854775808"})
    void whole_number_of_any_other_type_is_refused(String value) throws Exception {
        JsonObject object = data("{\"n\":" + value + "}");

        assertBadRequest(() -> object.wholeNumber("n", Long.MIN_VALUE, Long.MAX_VALUE), "data.n");
    }

    @Test
    void whole_number_out_of_range_is_refused() throws Exception {
        assertBadRequest(() -> data0("{\"n\":0}").wholeNumber("n", 1, 10), "data.n must be a whole number from 1 to 10");
        assertBadRequest(() -> data0("{\"n\":11}").wholeNumber("n", 1, 10), "data.n");
        assertBadRequest(() -> data0("{\"n\":-1}").wholeNumber("n", 1, 10), "data.n");
        assertBadRequest(() -> data0("{\"n\":1000000001}").wholeNumber("n", 1, 1_000_000_000), "data.n");
    }

    @Test
    void whole_number_missing_is_refused() throws Exception {
        assertBadRequest(() -> data0("{}").wholeNumber("n", 1, 10), "data.n");
    }

    // --- the other readers, which name the field by its path

    @Test
    void string_is_read_and_a_missing_or_non_string_one_is_refused() throws Exception {
        JsonObject object = data("{\"s\":\"text\",\"n\":1,\"z\":null}");

        assertThat(object.string("s")).isEqualTo("text");
        assertThat(object.optionalString("s")).contains("text");
        assertThat(object.optionalString("missing")).isEmpty();
        assertThat(object.optionalString("z")).isEmpty();
        assertBadRequest(() -> object.string("missing"), "data.missing is required");
        assertBadRequest(() -> object.string("n"), "data.n must be a string");
        assertBadRequest(() -> object.optionalString("n"), "data.n must be a string");
    }

    @Test
    void nested_objects_are_named_by_their_whole_path() throws Exception {
        JsonObject object = data("{\"attributes\":{\"q\":\"x\"}}");

        assertThat(object.has("attributes")).isTrue();
        assertThat(object.has("other")).isFalse();
        assertBadRequest(() -> object.object("attributes").wholeNumber("q", 1, 2), "data.attributes.q");
        assertBadRequest(() -> object.object("other"), "data.other must be a JSON object");
    }

    @Test
    void objects_reads_an_array_of_objects_and_names_a_bad_item_by_its_index() throws Exception {
        JsonObject object = data("{\"items\":[{\"q\":1},{\"q\":2}],\"bad\":[{\"q\":1},3],\"notArray\":{}}");

        assertThat(object.objects("items")).extracting(o -> o.wholeNumber("q", 1, 2)).containsExactly(1L, 2L);
        assertBadRequest(() -> object.objects("bad"), "data.bad[1] must be a JSON object");
        assertBadRequest(() -> object.objects("notArray"), "data.notArray must be a JSON array");
        assertBadRequest(() -> object.objects("items").get(1).wholeNumber("q", 5, 6), "data.items[1].q");
    }

    private static JsonObject data0(String json) {
        try {
            return data(json);
        } catch (Json.Malformed e) {
            throw new AssertionError(e);
        }
    }
}
