package com.stockroom.stock.model;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The historic log: one entry per stock change, each written once however often it is offered. */
public interface StockHistory {

    /** Records the entry; true if it is new, false if it was already there (a replay). */
    boolean record(HistoryEntry entry);

    /**
     * Records every entry, in as few writes as the store allows. An entry already there is
     * written again as it was: an entry is made from its stream record alone, so a replay writes
     * the same item and changes nothing.
     */
    void recordAll(List<HistoryEntry> entries);

    Optional<HistoryEntry> find(ProductId productId, TransactionId transactionId);

    /** The product's entries, newest first. */
    Page<HistoryEntry> list(ProductId productId, PageRequest page);

    /** Hands every one of the product's entries to {@code each}, oldest first: the log's own order. */
    void eachOldestFirst(ProductId productId, Consumer<HistoryEntry> each);
}
