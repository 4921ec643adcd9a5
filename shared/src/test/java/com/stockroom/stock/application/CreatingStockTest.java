package com.stockroom.stock.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockroom.common.Actor;
import com.stockroom.stock.model.Attribution;
import com.stockroom.stock.model.CreateOutcome;
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

class CreatingStockTest {

    private static final Instant NOW = Instant.parse("2024-05-17T10:15:30.123456789Z");
    private static final ProductId SKU = new ProductId("sku-1");

    private static final Attribution BY_ADMIN = new Attribution(
            new Actor("admin-1", Optional.of("back-office")), Optional.of("opening count"), Optional.of("PO-1"));

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryStocks stocks = new InMemoryStocks();
    private final CreatingStock creating = new CreatingStock(stocks, new TransactionIds(clock), clock);

    @Test
    void creating_stock_makes_all_of_the_initial_quantity_available() {
        CreateOutcome outcome = creating.create(new CreateStock(SKU, Quantity.of(25), BY_ADMIN));

        assertThat(outcome).isInstanceOf(CreateOutcome.StockCreated.class);
        assertThat(((CreateOutcome.StockCreated) outcome).stock()).isEqualTo(new Stock(SKU, 25, 25, 0));
        assertThat(stocks.find(SKU)).contains(new Stock(SKU, 25, 25, 0));
    }

    @Test
    void creating_stock_logs_an_increment_of_the_initial_quantity_as_the_first_transaction() {
        CreateOutcome.StockCreated created = (CreateOutcome.StockCreated) creating.create(new CreateStock(SKU, Quantity.of(25), BY_ADMIN));

        StockTransaction first = created.transaction();
        assertThat(first.action()).isEqualTo(StockAction.INCREMENT);
        assertThat(first.quantity()).isEqualTo(Quantity.of(25));
        assertThat(first.productId()).isEqualTo(SKU);
        assertThat(first.orderId()).isEmpty();
        assertThat(first.id()).isNotNull();
        assertThat(first.attribution()).as("who, why and for what").isEqualTo(BY_ADMIN);
        assertThat(stocks.written()).containsExactly(first);
    }

    @Test
    void the_first_transaction_is_stamped_with_the_clock_to_the_millisecond() {
        CreateOutcome.StockCreated created = (CreateOutcome.StockCreated) creating.create(new CreateStock(SKU, Quantity.of(1), BY_ADMIN));

        assertThat(created.transaction().createdAt()).isEqualTo(Instant.parse("2024-05-17T10:15:30.123Z"));
    }

    @Test
    void creating_stock_for_a_product_that_has_some_is_refused_and_changes_nothing() {
        Stock existing = new Stock(SKU, 10, 7, 3);
        stocks.with(existing);

        CreateOutcome outcome = creating.create(new CreateStock(SKU, Quantity.of(99), BY_ADMIN));

        assertThat(outcome).isEqualTo(new CreateOutcome.StockAlreadyExists(SKU));
        assertThat(stocks.find(SKU)).contains(existing);
        assertThat(stocks.written()).isEmpty();
    }

    @Test
    void creating_the_same_product_twice_keeps_the_first() {
        creating.create(new CreateStock(SKU, Quantity.of(5), BY_ADMIN));

        CreateOutcome second = creating.create(new CreateStock(SKU, Quantity.of(8), BY_ADMIN));

        assertThat(second).isInstanceOf(CreateOutcome.StockAlreadyExists.class);
        assertThat(stocks.find(SKU)).contains(new Stock(SKU, 5, 5, 0));
        assertThat(stocks.written()).hasSize(1);
    }
}
