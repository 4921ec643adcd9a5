package com.stockroom.stock.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QuantityTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 999_999_999L, 1_000_000_000L})
    void quantity_from_one_to_a_billion_is_accepted(long value) {
        assertThat(Quantity.of(value).value()).isEqualTo(value);
        assertThat(Quantity.isValid(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, 1_000_000_001L, Long.MIN_VALUE, Long.MAX_VALUE})
    void quantity_outside_one_to_a_billion_is_rejected(long value) {
        assertThat(Quantity.isValid(value)).isFalse();
        assertThatThrownBy(() -> new Quantity(value)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Quantity.of(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bounds_are_one_and_a_billion() {
        assertThat(Quantity.MIN).isEqualTo(1);
        assertThat(Quantity.MAX).isEqualTo(1_000_000_000L);
    }
}
