package com.stockroom.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UrlEncodedTest {

    @Test
    void decodes_pairs_in_order_with_plus_as_a_space() {
        assertThat(UrlEncoded.pairs("a=1&b=x+y&a=%C3%A9&flag&&c="))
                .containsExactly(Map.entry("a", "1"), Map.entry("b", "x y"), Map.entry("a", "\u00e9"), Map.entry("flag", ""), Map.entry("c", ""));
    }

    @Test
    void a_path_keeps_its_plus_signs_and_decodes_four_byte_characters() {
        assertThat(UrlEncoded.decodePath("/a+b/%F0%9F%98%80")).isEqualTo("/a+b/\ud83d\ude00");
    }

    @ParameterizedTest
    @ValueSource(strings = {"%zz", "a%4", "%", "%%41", "%FF", "%C3%28", "%C0%AF", "%ED%A0%80", "%F4%90%80%80", "%E9t%E9"})
    void refuses_a_malformed_escape_or_escapes_that_do_not_make_utf8(String raw) {
        assertThatThrownBy(() -> UrlEncoded.decodePath(raw)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UrlEncoded.pairs("q=" + raw)).isInstanceOf(IllegalArgumentException.class);
    }
}
