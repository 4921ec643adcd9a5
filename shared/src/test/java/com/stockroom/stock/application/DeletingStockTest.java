package com.stockroom.stock.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockroom.common.Actor;
import com.stockroom.stock.model.Attribution;
import com.stockroom.stock.model.CreateOutcome;
import com.stockroom.stock.model.DeleteOutcome;
import com.stockroom.stock.model.MoveOutcome;
import com.stockroom.stock.model.ProductId;
import com.stockroom.stock.model.Quantity;
import com.stockroom.stock.model.Stock;
import com.stockroom.stock.model.StockAction;
import com.stockroom.stock.model.StockDeletion;
import com.stockroom.stock.model.StockState;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Deleting stock is a change with an id and an author, refused while anything is allocated; deleted stock can be created again. */
class DeletingStockTest {

    private static final ProductId SKU = new ProductId("sku-1");
    private static final Attribution BY_ADMIN = Attribution.by(new Actor("admin-1", Optional.of("back-office")));

    private final Clock clock = Clock.fixed(Instant.parse("2024-05-17T10:15:30.123456Z"), ZoneOffset.UTC);
    private final TransactionIds ids = new TransactionIds(clock);
    private final InMemoryStocks stocks = new InMemoryStocks();
    private final CreatingStock creating = new CreatingStock(stocks, ids, clock);
    private final MovingStock moving = new MovingStock(stocks, ids, clock);
    private final DeletingStock deleting = new DeletingStock(stocks, ids, clock);

    @Test
    void deleting_stock_records_a_deletion_with_its_author_and_leaves_no_stock() {
        creating.create(new CreateStock(SKU, Quantity.of(5), BY_ADMIN));

        DeleteOutcome outcome = deleting.delete(new DeleteStock(SKU, BY_ADMIN));

        assertThat(outcome).isInstanceOf(DeleteOutcome.StockDeleted.class);
        StockDeletion deletion = ((DeleteOutcome.StockDeleted) outcome).deletion();
        assertThat(deletion.attribution()).isEqualTo(BY_ADMIN);
        assertThat(deletion.createdAt()).isEqualTo(Instant.parse("2024-05-17T10:15:30.123Z"));
        assertThat(((DeleteOutcome.StockDeleted) outcome).last()).isEqualTo(new Stock(SKU, 5, 5, 0));
        assertThat(stocks.find(SKU)).isEmpty();
        assertThat(stocks.written()).last().isEqualTo(deletion);
        assertThat(stocks.state(SKU)).contains(new StockState(SKU, Optional.empty(), Optional.of(deletion)));
    }

    @Test
    void deleting_stock_with_anything_allocated_is_refused_and_records_nothing() {
        creating.create(new CreateStock(SKU, Quantity.of(5), BY_ADMIN));
        moving.move(MoveStock.of(SKU, StockAction.ALLOCATE, Quantity.of(1), BY_ADMIN));

        assertThat(deleting.delete(new DeleteStock(SKU, BY_ADMIN))).isEqualTo(new DeleteOutcome.StockStillAllocated(new Stock(SKU, 5, 4, 1, 1)));
        assertThat(stocks.written()).hasSize(2);
    }

    @Test
    void deleting_stock_that_is_not_there_answers_not_found() {
        assertThat(deleting.delete(new DeleteStock(SKU, BY_ADMIN))).isEqualTo(new DeleteOutcome.StockNotFound(SKU));
        creating.create(new CreateStock(SKU, Quantity.of(5), BY_ADMIN));
        deleting.delete(new DeleteStock(SKU, BY_ADMIN));
        assertThat(deleting.delete(new DeleteStock(SKU, BY_ADMIN))).isEqualTo(new DeleteOutcome.StockNotFound(SKU));
    }

    @Test
    void deleted_stock_takes_no_move_and_can_be_created_again() {
        creating.create(new CreateStock(SKU, Quantity.of(5), BY_ADMIN));
        deleting.delete(new DeleteStock(SKU, BY_ADMIN));

        assertThat(moving.move(MoveStock.of(SKU, StockAction.INCREMENT, Quantity.of(1), BY_ADMIN))).isEqualTo(new MoveOutcome.StockNotFound(SKU));
        assertThat(creating.create(new CreateStock(SKU, Quantity.of(3), BY_ADMIN))).isInstanceOf(
                CreateOutcome.StockCreated.class);
        assertThat(stocks.find(SKU)).contains(new Stock(SKU, 3, 3, 0));
    }

}
