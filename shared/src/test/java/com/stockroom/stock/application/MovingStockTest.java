package com.stockroom.stock.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockroom.common.Actor;
import com.stockroom.stock.model.Attribution;
import com.stockroom.stock.model.MoveOutcome;
import com.stockroom.stock.model.ProductId;
import com.stockroom.stock.model.Quantity;
import com.stockroom.stock.model.Stock;
import com.stockroom.stock.model.StockAction;
import com.stockroom.stock.model.StockTransaction;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MovingStockTest {

    private static final Instant NOW = Instant.parse("2024-05-17T10:15:30.123456Z");
    private static final ProductId SKU = new ProductId("sku-1");

    private static final Attribution BY_ADMIN = new Attribution(
            new Actor("admin-1", Optional.of("back-office")), Optional.of("recount"), Optional.empty());

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryStocks stocks = new InMemoryStocks().with(new Stock(SKU, 10, 8, 2));
    private final MovingStock moving = new MovingStock(stocks, new TransactionIds(clock), clock);

    @Test
    void a_permitted_move_answers_stock_moved_with_the_transaction_it_made() {
        MoveOutcome outcome = moving.move(new MoveStock(SKU, StockAction.ALLOCATE, Quantity.of(3), Optional.of("order-7"), BY_ADMIN));

        assertThat(outcome).isInstanceOf(MoveOutcome.StockMoved.class);
        StockTransaction transaction = ((MoveOutcome.StockMoved) outcome).transaction();
        assertThat(transaction.productId()).isEqualTo(SKU);
        assertThat(transaction.action()).isEqualTo(StockAction.ALLOCATE);
        assertThat(transaction.quantity()).isEqualTo(Quantity.of(3));
        assertThat(transaction.orderId()).contains("order-7");
        assertThat(transaction.createdAt()).isEqualTo(Instant.parse("2024-05-17T10:15:30.123Z"));
        assertThat(transaction.attribution()).isEqualTo(BY_ADMIN);
        assertThat(stocks.written()).containsExactly(transaction);
    }

    @Test
    void a_permitted_move_changes_the_stock() {
        moving.move(MoveStock.of(SKU, StockAction.ALLOCATE, Quantity.of(3), BY_ADMIN));

        assertThat(stocks.find(SKU)).as("of the 5 allocated, admins allocated 3").contains(new Stock(SKU, 10, 5, 5, 3));
    }

    @Test
    void each_action_moves_the_stock_it_names() {
        moving.move(MoveStock.of(SKU, StockAction.INCREMENT, Quantity.of(5), BY_ADMIN));
        assertThat(stocks.find(SKU)).contains(new Stock(SKU, 15, 13, 2));

        moving.move(MoveStock.of(SKU, StockAction.DECREMENT, Quantity.of(4), BY_ADMIN));
        assertThat(stocks.find(SKU)).contains(new Stock(SKU, 11, 9, 2));

        moving.move(MoveStock.of(SKU, StockAction.ALLOCATE, Quantity.of(3), BY_ADMIN));
        assertThat(stocks.find(SKU)).contains(new Stock(SKU, 11, 6, 5, 3));

        moving.move(MoveStock.of(SKU, StockAction.DEALLOCATE, Quantity.of(3), BY_ADMIN));
        assertThat(stocks.find(SKU)).contains(new Stock(SKU, 11, 9, 2));
    }

    /**
     * The 2 units allocated at the start are held by orders (admins allocated none of them), so an
     * admin may not release them: this is what the DynamoDB condition refuses, and the fake with it.
     */
    @Test
    void an_admin_deallocating_stock_that_orders_hold_is_refused_and_changes_nothing() {
        MoveOutcome outcome = moving.move(MoveStock.of(SKU, StockAction.DEALLOCATE, Quantity.of(2), BY_ADMIN));

        assertThat(outcome).isInstanceOf(MoveOutcome.MoveRefused.class);
        assertThat(stocks.find(SKU)).contains(new Stock(SKU, 10, 8, 2));
        assertThat(stocks.written()).isEmpty();
    }

    @Test
    void an_admin_may_deallocate_what_admins_allocated_and_no_more() {
        moving.move(MoveStock.of(SKU, StockAction.ALLOCATE, Quantity.of(3), BY_ADMIN));

        assertThat(moving.move(MoveStock.of(SKU, StockAction.DEALLOCATE, Quantity.of(4), BY_ADMIN)))
                .as("5 are allocated, but admins allocated only 3").isInstanceOf(MoveOutcome.MoveRefused.class);
        assertThat(moving.move(MoveStock.of(SKU, StockAction.DEALLOCATE, Quantity.of(3), BY_ADMIN)))
                .isInstanceOf(MoveOutcome.StockMoved.class);
        assertThat(stocks.find(SKU)).contains(new Stock(SKU, 10, 8, 2, 0));
    }

    @Test
    void an_order_releases_the_stock_orders_hold() {
        MoveOutcome outcome = moving.move(new MoveStock(SKU, StockAction.DEALLOCATE, Quantity.of(2), Optional.of("order-7"), BY_ADMIN));

        assertThat(outcome).isInstanceOf(MoveOutcome.StockMoved.class);
        assertThat(stocks.find(SKU)).contains(new Stock(SKU, 10, 10, 0));
    }

    @Test
    void a_move_that_would_break_a_bound_is_refused_with_the_attempt_and_the_current_stock() {
        MoveOutcome outcome = moving.move(MoveStock.of(SKU, StockAction.ALLOCATE, Quantity.of(9), BY_ADMIN));

        assertThat(outcome).isInstanceOf(MoveOutcome.MoveRefused.class);
        MoveOutcome.MoveRefused refused = (MoveOutcome.MoveRefused) outcome;
        assertThat(refused.current()).isEqualTo(new Stock(SKU, 10, 8, 2));
        assertThat(refused.attempted().action()).isEqualTo(StockAction.ALLOCATE);
        assertThat(refused.attempted().quantity()).isEqualTo(Quantity.of(9));
    }

    @Test
    void a_refused_move_changes_nothing() {
        moving.move(MoveStock.of(SKU, StockAction.DECREMENT, Quantity.of(9), BY_ADMIN));
        moving.move(MoveStock.of(SKU, StockAction.DEALLOCATE, Quantity.of(3), BY_ADMIN));

        assertThat(stocks.find(SKU)).contains(new Stock(SKU, 10, 8, 2));
        assertThat(stocks.written()).isEmpty();
    }

    @Test
    void moving_stock_of_an_unknown_product_answers_stock_not_found() {
        ProductId unknown = new ProductId("no-such-sku");

        MoveOutcome outcome = moving.move(MoveStock.of(unknown, StockAction.INCREMENT, Quantity.of(1), BY_ADMIN));

        assertThat(outcome).isEqualTo(new MoveOutcome.StockNotFound(unknown));
        assertThat(stocks.find(unknown)).isEmpty();
        assertThat(stocks.written()).isEmpty();
    }

    @Test
    void successive_moves_get_increasing_transaction_ids() {
        StockTransaction first = ((MoveOutcome.StockMoved) moving.move(MoveStock.of(SKU, StockAction.INCREMENT, Quantity.of(1), BY_ADMIN))).transaction();
        StockTransaction second = ((MoveOutcome.StockMoved) moving.move(MoveStock.of(SKU, StockAction.INCREMENT, Quantity.of(1), BY_ADMIN))).transaction();

        assertThat(second.id()).isGreaterThan(first.id());
    }
}
