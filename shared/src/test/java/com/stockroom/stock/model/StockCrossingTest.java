package com.stockroom.stock.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class StockCrossingTest {

    private static final ProductId SKU = new ProductId("p1");

    private static Optional<Stock> stock(long available, Long threshold) {
        return Optional.of(new Stock(SKU, available + 2, available, 2, 0,
                Optional.ofNullable(threshold).map(LowStockThreshold::new)));
    }

    @Test
    void dropping_from_above_the_threshold_to_it_is_low() {
        assertThat(StockCrossing.between(stock(4, 3L), stock(3, 3L))).containsExactly(StockCrossing.LOW);
    }

    @Test
    void moving_while_already_at_or_below_the_threshold_crosses_nothing() {
        assertThat(StockCrossing.between(stock(3, 3L), stock(1, 3L))).isEmpty();
    }

    @Test
    void dropping_from_above_the_threshold_to_nothing_is_low_and_out() {
        assertThat(StockCrossing.between(stock(10, 3L), stock(0, 3L))).containsExactly(StockCrossing.LOW, StockCrossing.OUT);
    }

    @Test
    void reaching_nothing_from_above_is_out_with_or_without_a_threshold() {
        assertThat(StockCrossing.between(stock(1, null), stock(0, null))).containsExactly(StockCrossing.OUT);
        assertThat(StockCrossing.between(stock(1, 5L), stock(0, 5L))).containsExactly(StockCrossing.OUT);
    }

    @Test
    void rising_from_nothing_is_back_in_stock_and_not_low_even_when_still_at_or_below_the_threshold() {
        assertThat(StockCrossing.between(stock(0, 3L), stock(2, 3L))).containsExactly(StockCrossing.BACK_IN_STOCK);
    }

    @Test
    void raising_the_threshold_to_or_over_what_is_available_is_low_and_so_is_setting_a_first_one_there() {
        assertThat(StockCrossing.between(stock(5, 3L), stock(5, 8L))).containsExactly(StockCrossing.LOW);
        assertThat(StockCrossing.between(stock(5, 3L), stock(5, 5L))).containsExactly(StockCrossing.LOW);
        assertThat(StockCrossing.between(stock(5, null), stock(5, 8L))).containsExactly(StockCrossing.LOW);
        assertThat(StockCrossing.between(stock(5, null), stock(5, 4L))).as("a first threshold under what is available").isEmpty();
    }

    @Test
    void clearing_the_threshold_or_selling_without_one_is_never_low() {
        assertThat(StockCrossing.between(stock(2, 3L), stock(2, null))).isEmpty();
        assertThat(StockCrossing.between(stock(5, null), stock(1, null))).isEmpty();
    }

    @Test
    void a_threshold_of_zero_is_low_only_at_nothing() {
        assertThat(StockCrossing.between(stock(1, 0L), stock(0, 0L))).containsExactly(StockCrossing.LOW, StockCrossing.OUT);
        assertThat(StockCrossing.between(stock(2, 0L), stock(1, 0L))).isEmpty();
    }

    @Test
    void stock_that_is_created_or_deleted_crosses_nothing() {
        assertThat(StockCrossing.between(Optional.empty(), stock(1, 3L))).isEmpty();
        assertThat(StockCrossing.between(stock(1, 3L), Optional.empty())).isEmpty();
    }

    @Test
    void each_event_id_is_the_same_for_the_same_record_and_differs_by_record_type_and_product() {
        String id = StockEvent.id(SKU, "100", "stock.low");

        assertThat(StockEvent.id(new ProductId("p1"), "100", "stock.low")).isEqualTo(id);
        assertThat(StockEvent.id(SKU, "101", "stock.low")).isNotEqualTo(id);
        assertThat(StockEvent.id(SKU, "100", "stock.out")).isNotEqualTo(id);
        assertThat(StockEvent.id(new ProductId("p2"), "100", "stock.low")).isNotEqualTo(id);
    }
}
