package com.stockroom.stock.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TransactionIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"01ARZ3NDEKTSV4RRFFQ69G5FAV", "00000000000000000000000000", "7ZZZZZZZZZZZZZZZZZZZZZZZZZ"})
    void twenty_six_crockford_base32_characters_are_accepted(String value) {
        assertThat(new TransactionId(value).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "01ARZ3NDEKTSV4RRFFQ69G5FA", "01ARZ3NDEKTSV4RRFFQ69G5FAVX",
            "01ARZ3NDEKTSV4RRFFQ69G5FAI", "01ARZ3NDEKTSV4RRFFQ69G5FAL", "01ARZ3NDEKTSV4RRFFQ69G5FAO",
            "01ARZ3NDEKTSV4RRFFQ69G5FAU", "01arz3ndektsv4rrffq69g5fav", "01ARZ3NDEKTSV4RRFFQ69G5FA-"})
    void anything_else_is_rejected(String value) {
        assertThat(TransactionId.isValid(value)).isFalse();
        assertThatThrownBy(() -> new TransactionId(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void null_is_rejected() {
        assertThatThrownBy(() -> new TransactionId(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void transaction_ids_compare_as_their_strings() {
        TransactionId earlier = new TransactionId("01ARZ3NDEKTSV4RRFFQ69G5FAV");
        TransactionId later = new TransactionId("01ARZ3NDEKTSV4RRFFQ69G5FAW");

        assertThat(earlier).isLessThan(later);
        assertThat(later).isGreaterThan(earlier);
        assertThat(earlier.compareTo(new TransactionId("01ARZ3NDEKTSV4RRFFQ69G5FAV"))).isZero();
        assertThat(earlier).hasToString("01ARZ3NDEKTSV4RRFFQ69G5FAV");
    }
}
