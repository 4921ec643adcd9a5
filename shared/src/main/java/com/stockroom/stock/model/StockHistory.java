package com.stockroom.stock.model;

import java.util.Optional;

/** The historic log: one entry per stock change, each written once however often it is offered. */
public interface StockHistory {

    /** Records the entry; true if it is new, false if it was already there (a replay). */
    boolean record(HistoryEntry entry);

    Optional<HistoryEntry> find(ProductId productId, TransactionId transactionId);

    /** The product's entries, newest first. */
    Page<HistoryEntry> list(ProductId productId, PageRequest page);
}
