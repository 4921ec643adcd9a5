package com.stockroom.stock.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static com.stockroom.stock.model.Mover.ADMIN;
import static com.stockroom.stock.model.Mover.ORDER;

import java.util.List;
import org.junit.jupiter.api.Test;

class StockTest {

    private static final ProductId SKU = new ProductId("sku-1");

    private static Stock stock(long available, long allocated) {
        return new Stock(SKU, available + allocated, available, allocated);
    }

    // --- each action's effect on total / available / allocated

    @Test
    void increment_adds_to_total_and_available_and_leaves_allocated() {
        Stock after = stock(10, 4).after(StockAction.INCREMENT, Quantity.of(3), ORDER);

        assertThat(after).isEqualTo(new Stock(SKU, 17, 13, 4));
    }

    @Test
    void decrement_takes_from_total_and_available_and_leaves_allocated() {
        Stock after = stock(10, 4).after(StockAction.DECREMENT, Quantity.of(3), ORDER);

        assertThat(after).isEqualTo(new Stock(SKU, 11, 7, 4));
    }

    @Test
    void allocate_moves_units_from_available_to_allocated_and_keeps_total() {
        Stock after = stock(10, 4).after(StockAction.ALLOCATE, Quantity.of(3), ORDER);

        assertThat(after).isEqualTo(new Stock(SKU, 14, 7, 7));
    }

    @Test
    void deallocate_moves_units_from_allocated_to_available_and_keeps_total() {
        Stock after = stock(10, 4).after(StockAction.DEALLOCATE, Quantity.of(3), ORDER);

        assertThat(after).isEqualTo(new Stock(SKU, 14, 13, 1));
    }

    @Test
    void decrement_allocated_takes_from_total_and_allocated_and_leaves_available() {
        Stock after = stock(10, 4).after(StockAction.DECREMENT_ALLOCATED, Quantity.of(3), ORDER);

        assertThat(after).isEqualTo(new Stock(SKU, 11, 10, 1));
    }

    @Test
    void after_keeps_the_product_id() {
        assertThat(stock(10, 4).after(StockAction.INCREMENT, Quantity.of(1), ORDER).productId()).isEqualTo(SKU);
    }

    @Test
    void after_does_not_change_the_stock_it_is_called_on() {
        Stock before = stock(10, 4);

        before.after(StockAction.ALLOCATE, Quantity.of(3), ORDER);

        assertThat(before).isEqualTo(new Stock(SKU, 14, 10, 4));
    }

    // --- permits

    @Test
    void decrementing_exactly_what_is_available_is_permitted_and_leaves_zero() {
        Stock stock = stock(5, 2);

        assertThat(stock.permits(StockAction.DECREMENT, Quantity.of(5), ORDER)).isTrue();
        assertThat(stock.after(StockAction.DECREMENT, Quantity.of(5), ORDER)).isEqualTo(new Stock(SKU, 2, 0, 2));
    }

    @Test
    void decrementing_more_than_available_is_refused_even_when_total_would_cover_it() {
        // total 7 would cover 6, but only 5 are available: allocated units cannot be decremented away
        assertThat(stock(5, 2).permits(StockAction.DECREMENT, Quantity.of(6), ORDER)).isFalse();
    }

    @Test
    void allocating_exactly_what_is_available_is_permitted() {
        assertThat(stock(5, 2).permits(StockAction.ALLOCATE, Quantity.of(5), ORDER)).isTrue();
    }

    @Test
    void allocating_more_than_available_is_refused() {
        assertThat(stock(5, 2).permits(StockAction.ALLOCATE, Quantity.of(6), ORDER)).isFalse();
    }

    @Test
    void deallocating_exactly_what_is_allocated_is_permitted() {
        assertThat(stock(5, 2).permits(StockAction.DEALLOCATE, Quantity.of(2), ORDER)).isTrue();
    }

    @Test
    void deallocating_more_than_allocated_is_refused() {
        assertThat(stock(5, 2).permits(StockAction.DEALLOCATE, Quantity.of(3), ORDER)).isFalse();
    }

    @Test
    void decrementing_exactly_what_is_allocated_from_allocated_stock_is_permitted() {
        assertThat(stock(5, 2).permits(StockAction.DECREMENT_ALLOCATED, Quantity.of(2), ORDER)).isTrue();
    }

    @Test
    void decrementing_more_than_allocated_from_allocated_stock_is_refused_even_when_available_would_cover_it() {
        assertThat(stock(5, 2).permits(StockAction.DECREMENT_ALLOCATED, Quantity.of(3), ORDER)).isFalse();
    }

    @Test
    void nothing_but_increment_is_permitted_on_empty_stock() {
        Stock none = Stock.none(SKU);

        assertThat(none.permits(StockAction.INCREMENT, Quantity.of(1), ORDER)).isTrue();
        assertThat(none.permits(StockAction.DECREMENT, Quantity.of(1), ORDER)).isFalse();
        assertThat(none.permits(StockAction.ALLOCATE, Quantity.of(1), ORDER)).isFalse();
        assertThat(none.permits(StockAction.DEALLOCATE, Quantity.of(1), ORDER)).isFalse();
        assertThat(none.permits(StockAction.DECREMENT_ALLOCATED, Quantity.of(1), ORDER)).isFalse();
    }

    @Test
    void incrementing_up_to_exactly_max_total_is_permitted() {
        Stock nearlyFull = stock(Stock.MAX_TOTAL - 10, 0);

        assertThat(nearlyFull.permits(StockAction.INCREMENT, Quantity.of(10), ORDER)).isTrue();
        assertThat(nearlyFull.after(StockAction.INCREMENT, Quantity.of(10), ORDER).total()).isEqualTo(Stock.MAX_TOTAL);
    }

    @Test
    void incrementing_past_max_total_is_refused() {
        assertThat(stock(Stock.MAX_TOTAL - 10, 0).permits(StockAction.INCREMENT, Quantity.of(11), ORDER)).isFalse();
        assertThat(stock(Stock.MAX_TOTAL, 0).permits(StockAction.INCREMENT, Quantity.of(1), ORDER)).isFalse();
    }

    @Test
    void incrementing_past_max_total_is_refused_when_units_are_allocated() {
        Stock full = new Stock(SKU, Stock.MAX_TOTAL, Stock.MAX_TOTAL - 100, 100);

        assertThat(full.permits(StockAction.INCREMENT, Quantity.of(1), ORDER)).isFalse();
    }

    @Test
    void moves_that_keep_total_are_permitted_at_max_total() {
        Stock full = new Stock(SKU, Stock.MAX_TOTAL, Stock.MAX_TOTAL - 100, 100);

        assertThat(full.permits(StockAction.ALLOCATE, Quantity.of(Quantity.MAX), ORDER)).isTrue();
        assertThat(full.permits(StockAction.DEALLOCATE, Quantity.of(100), ORDER)).isTrue();
        assertThat(full.permits(StockAction.DECREMENT, Quantity.of(Quantity.MAX), ORDER)).isTrue();
    }

    // --- after refuses what permits refuses

    @Test
    void after_throws_for_a_move_that_is_not_permitted() {
        Stock stock = stock(5, 2);

        assertThatThrownBy(() -> stock.after(StockAction.ALLOCATE, Quantity.of(6), ORDER))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("allocate");
        assertThatThrownBy(() -> stock.after(StockAction.DECREMENT, Quantity.of(6), ORDER))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> stock.after(StockAction.DEALLOCATE, Quantity.of(3), ORDER))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> stock.after(StockAction.DECREMENT_ALLOCATED, Quantity.of(3), ORDER))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> stock(Stock.MAX_TOTAL, 0).after(StockAction.INCREMENT, Quantity.of(1), ORDER))
                .isInstanceOf(IllegalStateException.class);
    }

    // --- the record constructor guards the invariant

    @Test
    void constructor_accepts_balanced_levels() {
        Stock stock = new Stock(SKU, 10, 6, 4);

        assertThat(stock.total()).isEqualTo(10);
        assertThat(stock.available()).isEqualTo(6);
        assertThat(stock.allocated()).isEqualTo(4);
    }

    @Test
    void constructor_rejects_total_that_is_not_available_plus_allocated() {
        assertThatThrownBy(() -> new Stock(SKU, 11, 6, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Stock(SKU, 9, 6, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructor_rejects_negative_available() {
        assertThatThrownBy(() -> new Stock(SKU, 3, -1, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructor_rejects_negative_allocated() {
        assertThatThrownBy(() -> new Stock(SKU, 3, 4, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructor_rejects_negative_total() {
        assertThatThrownBy(() -> new Stock(SKU, -1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructor_rejects_total_past_max_total() {
        assertThat(new Stock(SKU, Stock.MAX_TOTAL, Stock.MAX_TOTAL, 0).total()).isEqualTo(Stock.MAX_TOTAL);
        assertThatThrownBy(() -> new Stock(SKU, Stock.MAX_TOTAL + 1, Stock.MAX_TOTAL + 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void none_is_all_zeros_and_initial_is_all_available() {
        assertThat(Stock.none(SKU)).isEqualTo(new Stock(SKU, 0, 0, 0));
        assertThat(Stock.initial(SKU, Quantity.of(7))).isEqualTo(new Stock(SKU, 7, 7, 0));
    }

    // --- what admins may release, and the rule as data

    @Test
    void an_admin_may_deallocate_only_what_admins_allocated() {
        Stock stock = new Stock(SKU, 10, 4, 6, 2); // of the 6 allocated, admins allocated 2 and orders hold 4

        assertThat(stock.permits(StockAction.DEALLOCATE, Quantity.of(2), ADMIN)).isTrue();
        assertThat(stock.permits(StockAction.DEALLOCATE, Quantity.of(3), ADMIN)).isFalse();
        assertThat(stock.permits(StockAction.DEALLOCATE, Quantity.of(6), ORDER)).isTrue();
        assertThat(stock.after(StockAction.DEALLOCATE, Quantity.of(2), ADMIN)).isEqualTo(new Stock(SKU, 10, 6, 4, 0));
    }

    @Test
    void an_admin_s_allocation_counts_as_admins_and_an_order_s_does_not() {
        Stock stock = stock(10, 0);

        assertThat(stock.after(StockAction.ALLOCATE, Quantity.of(3), ADMIN).adminAllocated()).isEqualTo(3);
        assertThat(stock.after(StockAction.ALLOCATE, Quantity.of(3), ORDER).adminAllocated()).isZero();
        assertThat(new Stock(SKU, 10, 4, 6, 6).after(StockAction.DEALLOCATE, Quantity.of(2), ORDER).adminAllocated())
                .as("an order's release leaves admins' allocation alone").isEqualTo(6);
    }

    @Test
    void the_rule_of_a_move_is_the_bounds_it_needs_of_the_stock_before_it() {
        assertThat(Stock.needs(StockAction.INCREMENT, Quantity.of(5), ADMIN))
                .containsExactly(Bound.atMost(Bound.Level.TOTAL, Stock.MAX_TOTAL - 5));
        assertThat(Stock.needs(StockAction.DECREMENT, Quantity.of(5), ADMIN))
                .containsExactly(Bound.atLeast(Bound.Level.AVAILABLE, 5));
        assertThat(Stock.needs(StockAction.ALLOCATE, Quantity.of(5), ORDER))
                .containsExactly(Bound.atLeast(Bound.Level.AVAILABLE, 5));
        assertThat(Stock.needs(StockAction.DEALLOCATE, Quantity.of(5), ORDER))
                .containsExactly(Bound.atLeast(Bound.Level.ALLOCATED, 5));
        assertThat(Stock.needs(StockAction.DEALLOCATE, Quantity.of(5), ADMIN))
                .containsExactly(Bound.atLeast(Bound.Level.ALLOCATED, 5), Bound.atLeast(Bound.Level.ADMIN_ALLOCATED, 5));
        assertThat(Stock.needs(StockAction.DECREMENT_ALLOCATED, Quantity.of(5), ORDER))
                .containsExactly(Bound.atLeast(Bound.Level.ALLOCATED, 5));
    }

    @Test
    void stock_may_be_deleted_only_with_nothing_allocated() {
        assertThat(Stock.DELETION).isEqualTo(List.of(Bound.atMost(Bound.Level.ALLOCATED, 0)));
        assertThat(stock(5, 0).permitsDeletion()).isTrue();
        assertThat(Stock.none(SKU).permitsDeletion()).isTrue();
        assertThat(stock(5, 1).permitsDeletion()).isFalse();
    }

    @Test
    void constructor_rejects_a_negative_admin_allocation() {
        assertThatThrownBy(() -> new Stock(SKU, 3, 1, 2, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void levels_are_the_three_numbers_the_log_records() {
        assertThat(new Stock(SKU, 10, 4, 6, 2).levels()).isEqualTo(new Levels(10, 4, 6));
    }
}
