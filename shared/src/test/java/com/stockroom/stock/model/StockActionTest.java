package com.stockroom.stock.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class StockActionTest {

    @Test
    void from_wire_name_accepts_the_four_lowercase_names() {
        assertThat(StockAction.fromWireName("increment")).contains(StockAction.INCREMENT);
        assertThat(StockAction.fromWireName("decrement")).contains(StockAction.DECREMENT);
        assertThat(StockAction.fromWireName("allocate")).contains(StockAction.ALLOCATE);
        assertThat(StockAction.fromWireName("deallocate")).contains(StockAction.DEALLOCATE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"INCREMENT", "Increment", "incremenT", " increment", "increment ", "", "inc",
            "incremented", "move", "ALLOCATE", "de-allocate"})
    void from_wire_name_refuses_anything_else(String name) {
        assertThat(StockAction.fromWireName(name)).isEmpty();
    }

    @Test
    void decrement_on_the_wire_is_the_admin_decrement_of_available_stock_never_shipping() {
        assertThat(StockAction.fromWireName("decrement")).contains(StockAction.DECREMENT);
        assertThat(StockAction.DECREMENT_ALLOCATED.wireName()).isEqualTo("decrement");
    }

    @Test
    void from_wire_name_refuses_null() {
        assertThat(StockAction.fromWireName(null)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(names = {"INCREMENT", "DECREMENT", "ALLOCATE", "DEALLOCATE"})
    void wire_name_of_each_transaction_action_round_trips(StockAction action) {
        assertThat(StockAction.fromWireName(action.wireName())).contains(action);
    }

    @ParameterizedTest
    @EnumSource(StockAction.class)
    void every_action_changes_total_by_the_sum_of_its_other_changes(StockAction action) {
        Quantity q = Quantity.of(Quantity.MAX);

        assertThat(action.totalChange(q)).isEqualTo(action.availableChange(q) + action.allocatedChange(q));
    }

    @Test
    void changes_scale_with_the_quantity() {
        Quantity seven = Quantity.of(7);

        assertThat(StockAction.INCREMENT.totalChange(seven)).isEqualTo(7);
        assertThat(StockAction.INCREMENT.availableChange(seven)).isEqualTo(7);
        assertThat(StockAction.INCREMENT.allocatedChange(seven)).isZero();

        assertThat(StockAction.DECREMENT.totalChange(seven)).isEqualTo(-7);
        assertThat(StockAction.DECREMENT.availableChange(seven)).isEqualTo(-7);
        assertThat(StockAction.DECREMENT.allocatedChange(seven)).isZero();

        assertThat(StockAction.ALLOCATE.totalChange(seven)).isZero();
        assertThat(StockAction.ALLOCATE.availableChange(seven)).isEqualTo(-7);
        assertThat(StockAction.ALLOCATE.allocatedChange(seven)).isEqualTo(7);

        assertThat(StockAction.DEALLOCATE.totalChange(seven)).isZero();
        assertThat(StockAction.DEALLOCATE.availableChange(seven)).isEqualTo(7);
        assertThat(StockAction.DEALLOCATE.allocatedChange(seven)).isEqualTo(-7);

        assertThat(StockAction.DECREMENT_ALLOCATED.totalChange(seven)).isEqualTo(-7);
        assertThat(StockAction.DECREMENT_ALLOCATED.availableChange(seven)).isZero();
        assertThat(StockAction.DECREMENT_ALLOCATED.allocatedChange(seven)).isEqualTo(-7);
    }

    @Test
    void changes_do_not_overflow_at_the_largest_quantity() {
        assertThat(StockAction.DECREMENT.totalChange(Quantity.of(Quantity.MAX))).isEqualTo(-Quantity.MAX);
    }
}
