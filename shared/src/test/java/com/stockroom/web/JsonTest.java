package com.stockroom.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    // --- parse

    @Test
    void parses_an_object_into_a_map_that_keeps_the_order_of_its_members() throws Exception {
        Object parsed = Json.parse("{\"z\":1,\"a\":\"two\",\"m\":true}");

        assertThat(parsed).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) parsed;
        assertThat(object).containsExactly(Map.entry("z", 1L), Map.entry("a", "two"), Map.entry("m", true));
    }

    @Test
    void parses_an_empty_object_and_an_empty_array() throws Exception {
        assertThat(Json.parse("{}")).isEqualTo(Map.of());
        assertThat(Json.parse("[]")).isEqualTo(List.of());
    }

    @Test
    void parses_an_array_into_a_list_in_order() throws Exception {
        assertThat(Json.parse("[3, \"x\", false, null, [1], {\"k\":\"v\"}]"))
                .isEqualTo(Arrays.asList(3L, "x", false, null, List.of(1L), Map.of("k", "v")));
    }

    @Test
    void parses_strings_with_escapes() throws Exception {
        assertThat(Json.parse("\"a\\\"b\\\\c\\u00e9\\n\"")).isEqualTo("a\"b\\cé\n");
    }

    @Test
    void parses_booleans() throws Exception {
        assertThat(Json.parse("true")).isEqualTo(Boolean.TRUE);
        assertThat(Json.parse("false")).isEqualTo(Boolean.FALSE);
    }

    @Test
    void parses_null_on_its_own_and_as_a_member() throws Exception {
        assertThat(Json.parse("null")).isNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) Json.parse("{\"a\":null}");
        assertThat(object).containsKey("a");
        assertThat(object.get("a")).isNull();
    }

    @Test
    void whole_numbers_become_long_however_small() throws Exception {
        assertThat(Json.parse("5")).isInstanceOf(Long.class).isEqualTo(5L);
        assertThat(Json.parse("-5")).isInstanceOf(Long.class).isEqualTo(-5L);
        assertThat(Json.parse("0")).isInstanceOf(Long.class).isEqualTo(0L);
        assertThat(Json.parse(String.valueOf(Long.MAX_VALUE))).isInstanceOf(Long.class).isEqualTo(Long.MAX_VALUE);
        assertThat(Json.parse(String.valueOf(Long.MIN_VALUE))).isInstanceOf(Long.class).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void whole_numbers_too_big_for_a_long_become_big_integer() throws Exception {
        assertThat(Json.parse("9223372036854775808")).isEqualTo(new BigInteger("9223372036854775808"));
        assertThat(Json.parse("123456789012345678901234567890")).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(Json.parse("-9223372036854775809")).isEqualTo(new BigInteger("-9223372036854775809"));
    }

    @Test
    void fractions_become_big_decimal_exactly_as_written() throws Exception {
        assertThat(Json.parse("1.5")).isInstanceOf(BigDecimal.class).isEqualTo(new BigDecimal("1.5"));
        assertThat(Json.parse("2.0")).isInstanceOf(BigDecimal.class).isEqualTo(new BigDecimal("2.0"));
        assertThat(Json.parse("0.1")).isEqualTo(new BigDecimal("0.1"));
        assertThat(Json.parse("1e3")).isInstanceOf(BigDecimal.class);
        assertThat(((BigDecimal) Json.parse("1e3")).compareTo(new BigDecimal("1000"))).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e999999999999", "-1e999999999999", "1e-999999999999", "0.000001e-2147483648",
            "9e9999999999999999999999", "{\"data\":{\"quantity\":1e999999999999}}", "[1, 2E+99999999999]"})
    void a_number_whose_exponent_is_out_of_range_is_malformed_not_a_crash(String text) {
        assertThatThrownBy(() -> Json.parse(text)).isInstanceOf(Json.Malformed.class).hasMessageContaining("number");
    }

    @Test
    void a_number_longer_than_sixty_four_characters_is_malformed_and_the_message_says_so_plainly() {
        assertThatThrownBy(() -> Json.parse("1" + "0".repeat(400)))
                .isInstanceOf(Json.Malformed.class)
                .hasMessageContaining("64")
                .hasMessageNotContaining("StreamReadConstraints");
    }

    @Test
    void nesting_too_deep_is_malformed_and_the_message_says_so_plainly() {
        assertThatThrownBy(() -> Json.parse("[".repeat(33) + "]".repeat(33)))
                .isInstanceOf(Json.Malformed.class)
                .hasMessageContaining("32")
                .hasMessageNotContaining("StreamReadConstraints");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\\ud800\"", "\"\\udc00\"", "\"a\\ud800b\"", "\"\\udc00\\ud800\"", "\"\\ud83d\"",
            "{\"\\ud800\":1}", "{\"data\":{\"name\":\"A\\udfff\"}}", "\"\ud800\"", "[\"ok\", \"\udc00x\"]"})
    void a_string_with_a_lone_surrogate_is_malformed_it_is_not_unicode_text(String text) {
        assertThatThrownBy(() -> Json.parse(text)).isInstanceOf(Json.Malformed.class).hasMessageContaining("surrogate");
    }

    @Test
    void a_surrogate_pair_is_one_character_and_parses() throws Exception {
        assertThat(Json.parse("\"\\ud83d\\ude00\"")).isEqualTo("\ud83d\ude00");
        assertThat(Json.parse("{\"\ud83d\ude00\":\"\ud83d\ude00\"}")).isEqualTo(Map.of("\ud83d\ude00", "\ud83d\ude00"));
    }

    @Test
    void surrounding_whitespace_is_allowed() throws Exception {
        assertThat(Json.parse("  \n {\"a\":1}\t\n ")).isEqualTo(Map.of("a", 1L));
    }

    @Test
    void refuses_duplicate_keys() {
        assertThatThrownBy(() -> Json.parse("{\"a\":1,\"a\":2}")).isInstanceOf(Json.Malformed.class);
    }

    @Test
    void refuses_duplicate_keys_in_a_nested_object() {
        assertThatThrownBy(() -> Json.parse("{\"data\":{\"q\":1,\"q\":1}}")).isInstanceOf(Json.Malformed.class);
    }

    @Test
    void the_same_key_in_sibling_objects_is_not_a_duplicate() throws Exception {
        assertThat(Json.parse("[{\"a\":1},{\"a\":2}]")).isEqualTo(List.of(Map.of("a", 1L), Map.of("a", 2L)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{} {}", "{}{}", "[] 1", "1 2", "\"a\" \"b\"", "{} x", "null null", "{},"})
    void refuses_content_after_the_value(String text) {
        assertThatThrownBy(() -> Json.parse(text)).isInstanceOf(Json.Malformed.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n\t "})
    void refuses_empty_text(String text) {
        assertThatThrownBy(() -> Json.parse(text)).isInstanceOf(Json.Malformed.class).hasMessageContaining("empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "[", "{\"a\":}", "{\"a\" 1}", "{a:1}", "[1,]", "'a'", "tru", "01", "NaN", "{\"a\":1,}",
            "\"unterminated"})
    void refuses_text_that_is_not_json(String text) {
        assertThatThrownBy(() -> Json.parse(text)).isInstanceOf(Json.Malformed.class);
    }

    @Test
    void accepts_nesting_thirty_two_deep() throws Exception {
        Object parsed = Json.parse("[".repeat(32) + "]".repeat(32));

        int depth = 0;
        for (Object value = parsed; value instanceof List<?> list; value = list.isEmpty() ? null : list.get(0)) {
            depth++;
        }
        assertThat(depth).isEqualTo(32);
    }

    @Test
    void refuses_arrays_nested_deeper_than_thirty_two() {
        assertThatThrownBy(() -> Json.parse("[".repeat(33) + "]".repeat(33))).isInstanceOf(Json.Malformed.class);
    }

    @Test
    void refuses_objects_nested_deeper_than_thirty_two() {
        String deep = "{\"a\":".repeat(33) + "1" + "}".repeat(33);

        assertThatThrownBy(() -> Json.parse(deep)).isInstanceOf(Json.Malformed.class);
    }

    @Test
    void refuses_very_deep_nesting_without_overflowing_the_stack() {
        assertThatThrownBy(() -> Json.parse("[".repeat(100_000))).isInstanceOf(Json.Malformed.class);
    }

    // --- write

    @Test
    void write_round_trips_a_nested_map_and_list() throws Exception {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("quantity", 5L);
        inner.put("ratio", new BigDecimal("1.25"));
        inner.put("tags", List.of("a", "b"));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("data", inner);
        document.put("items", List.of(Map.of("id", "x"), List.of(true, false), "text \"quoted\" é"));
        document.put("big", new BigInteger("123456789012345678901234567890"));

        String written = Json.write(document);

        assertThat(Json.parse(written)).isEqualTo(document);
    }

    @Test
    void write_keeps_the_order_of_a_map() {
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("z", 1L);
        ordered.put("a", 2L);

        assertThat(Json.write(ordered)).isEqualTo("{\"z\":1,\"a\":2}");
    }

    @Test
    void write_writes_null_values_as_null() {
        Map<String, Object> withNull = new LinkedHashMap<>();
        withNull.put("a", null);
        List<Object> listWithNull = new ArrayList<>();
        listWithNull.add(null);
        withNull.put("b", listWithNull);

        assertThat(Json.write(withNull)).isEqualTo("{\"a\":null,\"b\":[null]}");
        assertThat(Json.write(null)).isEqualTo("null");
    }

    @Test
    void write_writes_integers_and_longs_as_whole_numbers() {
        assertThat(Json.write(List.of(7, 8L, Long.MAX_VALUE))).isEqualTo("[7,8," + Long.MAX_VALUE + "]");
    }

    @Test
    void write_escapes_strings() {
        assertThat(Json.write("a\"b\\c\n")).isEqualTo("\"a\\\"b\\\\c\\n\"");
    }

    @Test
    void write_refuses_what_is_not_json() {
        assertThatThrownBy(() -> Json.write(Map.of("when", new Object()))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void object_builds_an_ordered_map_leaving_out_null_values() {
        Map<String, Object> object = Json.object("b", 1, "skipped", null, "a", "x");

        assertThat(object).containsExactly(Map.entry("b", 1), Map.entry("a", "x"));
    }
}
