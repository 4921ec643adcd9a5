package com.stockroom.stock.application;

import com.stockroom.stock.model.HistoryEntry;
import com.stockroom.stock.model.Page;
import com.stockroom.stock.model.PageRequest;
import com.stockroom.stock.model.ProductId;
import com.stockroom.stock.model.StockHistory;
import com.stockroom.stock.model.Stocks;
import com.stockroom.stock.model.TransactionId;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Reading the historic log. The log outlives the stock it describes: a deleted product's
 * history can still be read, even before the stream has logged its first change. A product that
 * never had stock and has no history is unknown.
 */
public final class ReadingStockHistory {

    private final StockHistory history;
    private final Stocks stocks;

    @Inject
    public ReadingStockHistory(StockHistory history, Stocks stocks) {
        this.history = history;
        this.stocks = stocks;
    }

    /** The product's log, newest first; empty if the product is unknown. */
    public Optional<Page<HistoryEntry>> page(ProductId productId, PageRequest request) {
        Page<HistoryEntry> page = history.list(productId, request);
        boolean unknown = page.items().isEmpty() && request.cursor().isEmpty() && stocks.state(productId).isEmpty();
        return unknown ? Optional.empty() : Optional.of(page);
    }

    public Optional<HistoryEntry> one(ProductId productId, TransactionId transactionId) {
        return history.find(productId, transactionId);
    }
}
