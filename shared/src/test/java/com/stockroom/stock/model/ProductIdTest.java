package com.stockroom.stock.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProductIdTest {

    private static final String SIXTY_FOUR = "a".repeat(64);

    @ParameterizedTest
    @ValueSource(strings = {"a", "Z", "0", "_", "-", "sku-123_ABC", "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
            "abcdefghijklmnopqrstuvwxyz", "0123456789"})
    void product_id_of_letters_digits_dash_and_underscore_is_accepted(String value) {
        assertThat(new ProductId(value).value()).isEqualTo(value);
        assertThat(ProductId.isValid(value)).isTrue();
    }

    @Test
    void product_id_of_sixty_four_characters_is_accepted() {
        assertThat(new ProductId(SIXTY_FOUR).value()).hasSize(64);
    }

    @Test
    void product_id_of_sixty_five_characters_is_rejected() {
        String sixtyFive = SIXTY_FOUR + "a";

        assertThat(ProductId.isValid(sixtyFive)).isFalse();
        assertThatThrownBy(() -> new ProductId(sixtyFive)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a b", " a", "a ", "a.b", ".", "a/b", "/", "a\\b", "é", "sku-é", "ß",
            "日本", "a\nb", "a\tb", "a+b", "a:b", "a%20b", "\u0430"})
    void product_id_with_anything_else_is_rejected(String value) {
        assertThat(ProductId.isValid(value)).isFalse();
        assertThatThrownBy(() -> new ProductId(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void product_id_null_is_rejected() {
        assertThat(ProductId.isValid(null)).isFalse();
        assertThatThrownBy(() -> new ProductId(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void product_ids_are_equal_by_value_and_print_as_their_value() {
        assertThat(new ProductId("sku-1")).isEqualTo(new ProductId("sku-1")).isNotEqualTo(new ProductId("SKU-1"));
        assertThat(new ProductId("sku-1")).hasToString("sku-1");
    }
}
