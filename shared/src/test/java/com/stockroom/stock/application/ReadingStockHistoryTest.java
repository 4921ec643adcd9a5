package com.stockroom.stock.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockroom.common.Actor;
import com.stockroom.stock.model.Attribution;
import com.stockroom.stock.model.HistoryEntry;
import com.stockroom.stock.model.Levels;
import com.stockroom.stock.model.Page;
import com.stockroom.stock.model.PageRequest;
import com.stockroom.stock.model.ProductId;
import com.stockroom.stock.model.Quantity;
import com.stockroom.stock.model.Stock;
import com.stockroom.stock.model.StockAction;
import com.stockroom.stock.model.StockDeletion;
import com.stockroom.stock.model.StockTransaction;
import com.stockroom.stock.model.TransactionId;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReadingStockHistoryTest {

    private static final ProductId SKU = new ProductId("sku-1");

    private final InMemoryStocks stocks = new InMemoryStocks();
    private final InMemoryStockHistory history = new InMemoryStockHistory();
    private final ReadingStockHistory reading = new ReadingStockHistory(history, stocks);

    @Test
    void a_product_with_neither_stock_nor_history_is_unknown() {
        assertThat(reading.page(SKU, PageRequest.first(25))).isEmpty();
    }

    @Test
    void a_product_with_stock_but_no_history_yet_answers_an_empty_page() {
        stocks.with(Stock.initial(SKU, Quantity.of(3)));

        Optional<Page<HistoryEntry>> page = reading.page(SKU, PageRequest.first(25));

        assertThat(page).isPresent();
        assertThat(page.get().items()).isEmpty();
    }

    @Test
    void a_deleted_product_with_history_still_answers_its_history() {
        HistoryEntry entry = entry("01HXYZ0000000000000000000A", "0001");
        history.record(entry);

        Optional<Page<HistoryEntry>> page = reading.page(SKU, PageRequest.first(25));

        assertThat(page).isPresent();
        assertThat(page.get().items()).containsExactly(entry);
    }

    @Test
    void a_product_deleted_before_the_log_caught_up_is_not_taken_for_an_unknown_one() {
        stocks.with(Stock.initial(SKU, Quantity.of(3)));
        stocks.delete(new StockDeletion(new TransactionId("01HXYZ0000000000000000000A"), SKU, Instant.parse("2024-05-17T10:15:30.123Z"),
                Attribution.by(new Actor("admin-1", Optional.empty()))));

        Optional<Page<HistoryEntry>> page = reading.page(SKU, PageRequest.first(25));

        assertThat(page).isPresent();
        assertThat(page.get().items()).isEmpty();
    }

    @Test
    void a_later_page_that_is_empty_is_not_taken_for_an_unknown_product() {
        Optional<Page<HistoryEntry>> page = reading.page(SKU, new PageRequest(25, Optional.of("some-cursor")));

        assertThat(page).isPresent();
        assertThat(page.get().items()).isEmpty();
    }

    @Test
    void history_of_a_product_is_newest_first() {
        HistoryEntry older = entry("01HXYZ0000000000000000000A", "0001");
        HistoryEntry newer = entry("01HXYZ0000000000000000000B", "0002");
        history.record(older);
        history.record(newer);

        assertThat(reading.page(SKU, PageRequest.first(25)).orElseThrow().items()).containsExactly(newer, older);
    }

    @Test
    void one_finds_an_entry_by_product_and_transaction_id() {
        HistoryEntry entry = entry("01HXYZ0000000000000000000A", "0001");
        history.record(entry);

        assertThat(reading.one(SKU, new TransactionId("01HXYZ0000000000000000000A"))).contains(entry);
        assertThat(reading.one(SKU, new TransactionId("01HXYZ0000000000000000000C"))).isEmpty();
        assertThat(reading.one(new ProductId("other"), new TransactionId("01HXYZ0000000000000000000A"))).isEmpty();
    }

    private static HistoryEntry entry(String transactionId, String sequence) {
        StockTransaction transaction = new StockTransaction(new TransactionId(transactionId), SKU, StockAction.INCREMENT,
                Quantity.of(2), Optional.empty(), Instant.parse("2024-05-17T10:15:30.123Z"),
                Attribution.by(new Actor("admin-1", Optional.empty())));
        return new HistoryEntry(transaction, new Levels(1, 1, 0), new Levels(3, 3, 0), sequence);
    }
}
