package com.stockroom.stock.model;

/** One line of the historic log: a transaction and the stock just before and just after it. */
public record HistoryEntry(StockTransaction transaction, Stock before, Stock after) {

    public HistoryEntry {
        if (!before.productId().equals(transaction.productId()) || !after.productId().equals(transaction.productId())) {
            throw new IllegalArgumentException("history entry mixes products");
        }
    }
}
