package com.stockroom.stock.model;

/**
 * One line of the historic log: a transaction, the stock just before and just after it, and its
 * sequence: where the change stands in the order the stock table committed its changes (the
 * stream's sequence number), which is the log's order. Transaction ids are handed out before
 * the write, so under concurrency their order can differ from the order of the changes.
 */
public record HistoryEntry(StockTransaction transaction, Stock before, Stock after, String sequence) {

    public HistoryEntry {
        if (!before.productId().equals(transaction.productId()) || !after.productId().equals(transaction.productId())) {
            throw new IllegalArgumentException("history entry mixes products");
        }
    }
}
